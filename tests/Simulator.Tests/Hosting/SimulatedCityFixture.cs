using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Simulator.Tests.Hosting;

/// <summary>
/// The real built host started as an operator would, with <c>--simulate 6</c> (two devices of each
/// kind) on free loopback ports, reporting fast (<c>Simulator:SpeedUp</c>) and without outages, so
/// the tests see a city come alive within seconds.
/// </summary>
public sealed class SimulatedCityFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-6d1e9b3f5a7c2e4d8f0b";
    public const int Devices = 6;

    public TwinHost Host { get; private set; } = null!;

    public static IReadOnlyDictionary<string, string> Settings(string? dataDirectory = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Simulator:SpeedUp"] = "100",
            ["Simulator:OutageInterval"] = "00:00:00",
        };
        if (dataDirectory is not null)
        {
            settings["Storage:DataDirectory"] = dataDirectory;
        }

        return settings;
    }

    public static IReadOnlyList<string> Simulate => ["--simulate", Devices.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    public async ValueTask InitializeAsync() => Host = await TwinHost.StartAsync(Settings(), Simulate);

    public HttpClient Admin() => Host.CreateClient(AdminKey);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
