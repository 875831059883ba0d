using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Dashboard;

/// <summary>
/// The real host started as an operator would with a simulated city (<c>--simulate</c>: stations,
/// counters and junctions at real London bus stops, reporting fast and with no outages), shared by
/// the dashboard's browser tests.
/// </summary>
public sealed class SimulatedCityHostFixture : IAsyncLifetime
{
    public const string AdminKey = "dashboard-admin-key-4e7a1c9b3d5f2a8c";
    public const int Devices = 45;

    public TwinHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await TwinHost.StartAsync(
        new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Simulator:SpeedUp"] = "20",
            ["Simulator:OutageInterval"] = "00:00:00",
        },
        ["--simulate", Devices.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public HttpClient Admin() => Host.CreateClient(AdminKey);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SimulatedCityDefinition : ICollectionFixture<SimulatedCityHostFixture>
{
    public const string Name = "simulated city";
}
