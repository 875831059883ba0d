using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.BusPriority;
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
    /// grain state in <c>urbantwin.db</c> (SQLite) under the data directory; with
    /// <c>Orleans:ClusterMode=redis</c> silos share membership and grain state in Redis. Failure
    /// detection can be tuned under <c>Orleans:Membership</c> (Orleans' ClusterMembershipOptions).
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
        builder.Services.AddOptions<PriorityPolicyOptions>().BindConfiguration(PriorityPolicyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var database = Path.Combine(storage.EnsureDataDirectory(), "urbantwin.db");
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(SiloOptions.Section + ":Membership"));
            if (options.ClusterMode == SiloClustering.Redis)
            {
                var redis = ConfigurationOptions.Parse(options.RedisConnectionString!);
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort)
                    .UseRedisClustering(clustering => clustering.ConfigurationOptions = redis)
                    .AddRedisGrainStorage(GrainStorage.Name, storage => storage.ConfigurationOptions = redis);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId)
                    .AddSqliteGrainStorage(GrainStorage.Name, database);
            }
        });
        builder.Services.AddSingleton<DeviceProvisioner>();
        builder.Services.AddHostedService<TwinWarmup>();
        return builder;
    }
}
