using System.Globalization;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// The real built host started as an operator would, with <c>--simulate N</c> (devices of each kind
/// in turn at real London bus stops) on free loopback ports, reporting fast
/// (<c>Simulator:SpeedUp</c>) and without outages, so tests see a city come alive within seconds.
/// A test project's collection fixture names its own key, fleet size and speed.
/// </summary>
public abstract class SimulatedCityHost(string adminKey, int devices, int speedUp) : IAsyncLifetime
{
    public TwinHost Host { get; private set; } = null!;

    /// <summary>The host's settings; a data directory of the test's own to restart on.</summary>
    public IReadOnlyDictionary<string, string> Settings(string? dataDirectory = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = adminKey,
            ["Simulator:SpeedUp"] = speedUp.ToString(CultureInfo.InvariantCulture),
            ["Simulator:OutageInterval"] = "00:00:00",
        };
        if (dataDirectory is not null)
        {
            settings["Storage:DataDirectory"] = dataDirectory;
        }

        return settings;
    }

    /// <summary>The command line: <c>--simulate N</c>.</summary>
    public IReadOnlyList<string> Simulate => ["--simulate", devices.ToString(CultureInfo.InvariantCulture)];

    public async ValueTask InitializeAsync() => Host = await TwinHost.StartAsync(Settings(), Simulate);

    public HttpClient Admin() => Host.CreateClient(adminKey);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
