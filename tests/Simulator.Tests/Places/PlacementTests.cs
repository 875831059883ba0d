using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Places;
using UrbanTwin.SimulatorData;
using UrbanTwin.TestSupport;

namespace UrbanTwin.Simulator.Tests.Places;

/// <summary>Simulated devices stand at real places inside London's boroughs, spread over the whole city.</summary>
public sealed class PlacementTests
{
    private static readonly LondonBoroughs Boroughs = new(Path.Combine(RepositoryPaths.Root, "src", "TwinApi", "Areas", "london-boroughs.geojson"));

    [Fact]
    public void Every_device_of_a_fleet_larger_than_the_stop_list_stands_inside_a_london_borough()
    {
        var fleet = FleetPlan.Create(LondonBusStops.All.Count + 500, seed: 3);

        var outside = fleet.Where(d => Boroughs.CodeOf(d.Longitude, d.Latitude) is null).ToList();

        Assert.Empty(outside);
        Assert.Equal(33, fleet.Select(d => Boroughs.CodeOf(d.Longitude, d.Latitude)).Distinct().Count());
    }

    [Fact]
    public void A_fleet_of_500_covers_most_boroughs_and_each_kind_equally()
    {
        var fleet = FleetPlan.Create(500, seed: 1);

        Assert.True(fleet.Select(d => Boroughs.CodeOf(d.Longitude, d.Latitude)).Distinct().Count() >= 30);
        Assert.Equal(500, fleet.Select(d => d.Place.Code).Distinct().Count());
        Assert.All(DeviceKinds.All, kind => Assert.InRange(fleet.Count(d => d.Kind == kind), 166, 167));
    }

    [Fact]
    public void Ids_are_valid_device_ids_with_their_prefix_and_names_fit_an_asset()
    {
        var fleet = FleetPlan.Create(1_000, seed: 1, idPrefix: "bench-2");

        Assert.All(fleet, d => Assert.True(DeviceId.IsValid(d.DeviceId), d.DeviceId));
        Assert.All(fleet, d => Assert.StartsWith("bench-2-", d.AssetId, StringComparison.Ordinal));
        Assert.All(fleet, d => Assert.InRange(d.Name.Length, 1, 200));
        Assert.Equal(1_000, fleet.Select(d => d.AssetId).Distinct().Count());
        Assert.Throws<ArgumentException>(() => FleetPlan.Create(1, idPrefix: "Not Valid"));
    }
}
