using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Twins;
using UrbanTwin.ServiceDefaults;
using UrbanTwin.Storage;

namespace UrbanTwin.Grains.Hosting;

/// <summary>The Grains project's front door: co-hosts the Orleans silo in a host.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds the silo to <paramref name="builder"/>. The single-node default clusters on loopback
    /// (<c>UseLocalhostClustering</c>) with the ports from <see cref="SiloOptions"/> and keeps
    /// grain state in <c>urbantwin.db</c> (SQLite) under the data directory.
    /// </summary>
    public static IHostApplicationBuilder AddUrbanTwinSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloOptions>()
            .BindConfiguration(SiloOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddUrbanTwinDefaults();
        builder.Services.AddOptions<TwinOptions>().BindConfiguration(TwinOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(new TwinClock(TimeProvider.System));
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var database = Path.Combine(storage.EnsureDataDirectory(), "urbantwin.db");
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
            .AddSqliteGrainStorage(GrainStorage.Name, database));
        builder.Services.AddSingleton<DeviceProvisioner>();
        builder.Services.AddHostedService<TwinWarmup>();
        return builder;
    }
}
