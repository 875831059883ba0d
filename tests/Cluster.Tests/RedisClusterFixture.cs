using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Cluster.Tests;

/// <summary>
/// Three UrbanTwin hosts as separate processes on loopback, clustered through a real
/// redis-server (membership and grain state), and an Orleans client in the test process. Failure
/// detection is shortened (probes every second, two missed probes and one vote declare a silo
/// dead) so a killed silo is replaced in seconds instead of the default tens of seconds. Each
/// silo checks the API key store every second (the default is 5 s).
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    /// <summary>The silos' <c>Auth:AdminKey</c>.</summary>
    public const string AdminKey = "cluster-admin-key-7c1e9a3f5b2d4e6a8c0b";

    private readonly string _clusterId = "cluster-test-" + Guid.NewGuid().ToString("N")[..8];

    public RedisServer Redis { get; private set; } = null!;

    public List<TwinHost> Silos { get; } = [];

    public IHost Client { get; private set; } = null!;

    public IClusterClient Cluster => Client.Services.GetRequiredService<IClusterClient>();

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Orleans:ClusterMode"] = "redis",
            ["Orleans:RedisConnectionString"] = Redis.ConnectionString,
            ["Orleans:ClusterId"] = _clusterId,
            ["Orleans:ServiceId"] = _clusterId,
            ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Orleans:Membership:NumMissedProbesLimit"] = "2",
            ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
            ["Orleans:Membership:TableRefreshTimeout"] = "00:00:01",
            ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
            ["Mqtt:TlsPort"] = "0",
            ["Auth:AdminKey"] = AdminKey,
            ["Auth:KeyRefreshInterval"] = "00:00:01",
        };
        foreach (var _ in Enumerable.Range(0, 3))
        {
            Silos.Add(await TwinHost.StartAsync(settings));
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _clusterId;
                o.ServiceId = _clusterId;
            })
            .UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(Redis.ConnectionString)));
        Client = builder.Build();
        await Client.StartAsync();
    }

    public TwinHost SiloAt(int siloPort) => Silos.Single(s => s.SiloPort == siloPort);

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.StopAsync();
            Client.Dispose();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }

    public override string ToString() => string.Join(", ", Silos.Select(s => s.SiloPort.ToString(CultureInfo.InvariantCulture)));
}
