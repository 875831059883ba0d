using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UrbanTwin.Gateway;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.Grains.Twins;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestSupport.Node;

/// <summary>
/// Builds a node in this process with the same front doors as the host (<c>AddUrbanTwinSilo</c>,
/// <c>AddUrbanTwinGateway</c>), on free loopback ports for the silo, with the given data directory.
/// </summary>
public static class InProcessNode
{
    /// <param name="clock">The clock the gateway judges readings by and twins judge staleness by.</param>
    /// <param name="configure">Services to add after the node's own (they win over its defaults).</param>
    public static async Task<IHost> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings, TimeProvider clock, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = dataDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddUrbanTwinSilo();
        builder.AddUrbanTwinGateway();
        builder.Services.AddSingleton(new IngestionClock(clock));
        builder.Services.AddSingleton(new TwinClock(clock));
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
