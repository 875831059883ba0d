using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.AirQuality;
using UrbanTwin.Grains.Twins;
using static UrbanTwin.Grains.Tests.Twins.StoredTwinStates;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>
/// A state stored by an earlier release still loads: read as grain storage reads it and brought to
/// today's form as a twin does on activation. The expected means are what that release computed
/// from the same state, to the last bit.
/// </summary>
public sealed class StoredTwinStateTests
{
    [Fact]
    public void Hourly_means_stored_as_48_hour_rings_give_the_same_running_means_for_the_hour_assessed()
    {
        var twin = OrleansRoundTrip.ReadStored<AssetTwinState>(AirQualityStation2026);

        twin.Upgrade();

        var means = Assert.IsType<StationMeans>(twin.Means);
        Assert.Null(twin.LegacyPollutants);
        Assert.Equal(Hour(35), twin.AirQuality!.HourStartMs);
        Assert.Equal(9.334126984126984, means.Of(DaqiPollutant.Pm25)!.RunningMean(Hour(35), 24));
        Assert.Equal(9.089285714285715, means.Of(DaqiPollutant.Pm25)!.RunningMean(Hour(35), 8));
        Assert.Equal(12.175, means.Of(DaqiPollutant.Pm25)!.HourlyMean(Hour(35)));
        Assert.Equal(55.25, means.Of(DaqiPollutant.Pm10)!.RunningMean(Hour(35), 24));
        Assert.Equal(82.875, means.Of(DaqiPollutant.O3)!.RunningMean(Hour(35), 8));
        Assert.Equal(450, means.Of(DaqiPollutant.No2)!.HourlyMean(Hour(35)));
    }

    [Fact]
    public void Hours_the_index_no_longer_averages_are_not_carried_over()
    {
        var twin = OrleansRoundTrip.ReadStored<AssetTwinState>(AirQualityStation2026);

        twin.Upgrade();

        // The earlier release kept a reading 29 hours late for hour 6 (a mean of 172.45 there);
        // no assessment from hour 35 on can use it.
        var pm25 = twin.Means!.Of(DaqiPollutant.Pm25)!;
        Assert.Equal(24, pm25.RetainedHours);
        Assert.Null(pm25.HourlyMean(Hour(6)));
        Assert.Null(twin.Means.Of(DaqiPollutant.No2)!.HourlyMean(Hour(34)));
    }

    [Fact]
    public void The_rest_of_a_stored_station_loads_as_it_was()
    {
        var twin = OrleansRoundTrip.ReadStored<AssetTwinState>(AirQualityStation2026);

        twin.Upgrade();

        Assert.Equal(("legacy-device-1", DeviceKind.AirQuality, "2.4.1"), (twin.DeviceId, twin.Kind, twin.Firmware));
        Assert.Equal((70L, 1L, 2L), (twin.Accepted, twin.Duplicates, twin.Rejected));
        Assert.Equal(new JournalMark("node-a", 37), Assert.Single(twin.AppliedJournals!));
        Assert.Null(twin.AppliedLsn);
        Assert.Equal(AlertKind.AirQualityHigh, Assert.Single(twin.ActiveAlerts!).Kind);
        Assert.Equal("Camden Road", twin.Registration!.Name);
        Assert.Equal(twin.Registration.AssetId, twin.CellListing!.AssetId);
    }

    [Fact]
    public void Empty_collections_stored_by_an_earlier_release_are_dropped()
    {
        var junction = OrleansRoundTrip.ReadStored<AssetTwinState>(Junction2026);

        junction.Upgrade();

        Assert.Null(junction.ActiveAlerts);
        Assert.Null(junction.AppliedJournals);
        Assert.Null(junction.AppliedLsn);
        Assert.Null(junction.Means);
        Assert.Equal([2u, 1u], junction.RecentDecisions!.Select(d => d.RequestSeq));
        Assert.Equal(2, junction.PriorityStatistics!.Total.Requests);
    }

    [Fact]
    public void Strings_a_fleet_repeats_are_one_copy_in_every_twin_read_from_storage()
    {
        var first = OrleansRoundTrip.ReadStored<AssetTwinState>(AirQualityStation2026);
        var second = OrleansRoundTrip.ReadStored<AssetTwinState>(AirQualityStation2026);
        Assert.NotSame(first.Firmware, second.Firmware);

        first.Upgrade();
        second.Upgrade();

        Assert.Same(first.Firmware, second.Firmware);
        Assert.Same(first.Cell, second.Cell);
        Assert.Same(first.AirQuality!.Band, second.AirQuality!.Band);
        Assert.Same(first.AirQuality.WorstPollutant, second.AirQuality.WorstPollutant);
        Assert.Same(first.Registration!.AreaId, second.Registration!.AreaId);
        Assert.Same(first.CellListing!.AreaId, second.CellListing!.AreaId);
        Assert.Same(AssetStatus.Alert, first.CellListing.Status);
    }

    [Fact]
    public void An_upgraded_state_survives_being_stored_again()
    {
        var twin = OrleansRoundTrip.ReadStored<AssetTwinState>(AirQualityStation2026);
        twin.Upgrade();

        var copy = OrleansRoundTrip.Copy(twin);
        copy.Upgrade();

        Assert.Null(copy.LegacyPollutants);
        Assert.Equal(twin.Means!.Assess(Hour(35)), copy.Means!.Assess(Hour(35)));
        Assert.Equal(twin.AppliedJournals, copy.AppliedJournals);
    }
}
