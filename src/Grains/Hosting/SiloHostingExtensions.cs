using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Storage;
using StackExchange.Redis;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Inventory;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.BusPriority;
using UrbanTwin.Grains.Live;
using UrbanTwin.Grains.Twins;
using UrbanTwin.ServiceDefaults;
using UrbanTwin.Storage;
using UrbanTwin.TimeSeries;
using UrbanTwin.TimeSeries.Writing;

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
        builder.Services.AddValidatedOptions<SiloOptions>(SiloOptions.Section);

        builder.Services.AddUrbanTwinDefaults();
        builder.Services.AddValidatedOptions<TwinOptions>(TwinOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(new TwinClock(TimeProvider.System));
        builder.Services.AddValidatedOptions<PriorityPolicyOptions>(PriorityPolicyOptions.Section);
        builder.Services.AddValidatedOptions<SpatialOptions>(SpatialOptions.Section);
        builder.Services.AddSingleton<SpatialSearch>();
        builder.Services.AddSingleton<AssetInventory>();

        // Read now, and checked now: the silo's ports, clustering and database are set up from them.
        var options = builder.Configuration.GetValidated<SiloOptions>(SiloOptions.Section);
        var storage = builder.Configuration.GetValidated<StorageOptions>(StorageOptions.Section);
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
                    .AddRedisGrainStorage(GrainStorage.Name, storage =>
                    {
                        storage.ConfigurationOptions = redis;

                        // Rows of changes folded into their grain's state are deleted, not left as empty keys.
                        storage.DeleteStateOnClear = true;
                    });
                silo.Services.AddOptions<RedisStorageOptions>(GrainStorage.Name).Configure<IServiceProvider>(UseOrleansBinary);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId)
                    .AddSqliteGrainStorage(GrainStorage.Name, database);
            }
        });
        AddTimeSeries(builder, storage.EnsureDataDirectory());
        // The gateway replaces it in external mode, where devices need mosquitto hashes too.
        builder.Services.TryAddSingleton(sp => new DeviceProvisioner(sp.GetRequiredService<IGrainFactory>()));
        builder.Services.AddSingleton(new CleanStop(storage.EnsureDataDirectory()));
        builder.Services.AddHostedService<TwinWarmup>();
        builder.Services.AddValidatedOptions<LiveOptions>(LiveOptions.Section);
        builder.Services.AddSingleton<LiveMetrics>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddHostedService<LiveRelay>();
        return builder;
    }

    /// <summary>
    /// Grain state in Redis in Orleans' binary form, as in SQLite: the same version-tolerant
    /// <c>[GenerateSerializer]</c> contracts as grain calls, private fields included (a twin's
    /// running means are private). Orleans' default for Redis is JSON by public property, which
    /// dropped them; states an earlier release stored that way are still read.
    /// </summary>
    private static void UseOrleansBinary(RedisStorageOptions storage, IServiceProvider services) =>
        storage.GrainStorageSerializer = new GrainStorageSerializer(
            ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services),
            services.GetRequiredService<IGrainStorageSerializer>());

    /// <summary>
    /// The time series (<see cref="TimeSeriesHostingExtensions.AddUrbanTwinTimeSeries"/>), and with
    /// InfluxDB the watch that tells operators when the writer's spool fills.
    /// </summary>
    private static void AddTimeSeries(IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.AddUrbanTwinTimeSeries(dataDirectory);
        if (TimeSeriesHostingExtensions.UsesInflux(builder.Configuration))
        {
            builder.Services.AddHostedService(sp => new SpoolWatch(sp.GetRequiredService<TimeSeriesWriter>(), sp.GetRequiredService<IOptions<TimeSeriesWriterOptions>>().Value, sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<LiveFeed>(), sp.GetRequiredService<TimeProvider>()));
        }
    }
}
