using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Hosting;

/// <summary>The Grains project's front door: co-hosts the Orleans silo in a host.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds the silo to <paramref name="builder"/>. The single-node default clusters on loopback
    /// (<c>UseLocalhostClustering</c>) with the ports from <see cref="SiloOptions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddUrbanTwinSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloOptions>()
            .BindConfiguration(SiloOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
            .AddMemoryGrainStorage(GrainStorage.Name));
        builder.Services.AddSingleton<DeviceProvisioner>();
        return builder;
    }
}
