using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using UrbanTwin.Storage;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Storage;

/// <summary>
/// A silo in this process with the product's SQLite grain storage at a given path and nothing
/// else, on free loopback ports: enough to activate a grain that keeps only its own state, stop it
/// (deactivating it) and start again on the same file.
/// </summary>
internal static class TestSilo
{
    public static async Task<IHost> StartAsync(string databasePath, ILoggerProvider logs)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(logs);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Next(), FreePort.Next())
            .AddSqliteGrainStorage(GrainStorage.Name, databasePath));
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();
}
