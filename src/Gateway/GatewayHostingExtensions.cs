using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using UrbanTwin.Gateway.Downlink;
using Microsoft.Extensions.Logging;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Journal;
using UrbanTwin.Gateway.Mosquitto;
using UrbanTwin.Gateway.Mqtt;
using UrbanTwin.Gateway.Mqtt.Transport;
using UrbanTwin.Gateway.Sessions;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.ServiceDefaults;

namespace UrbanTwin.Gateway;

/// <summary>The Gateway project's front door.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>Adds the embedded MQTT broker and the ingestion pipeline to a host that runs the silo.</summary>
    public static IHostApplicationBuilder AddUrbanTwinGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddUrbanTwinDefaults();
        builder.Services.AddValidatedOptions<MqttOptions>(MqttOptions.Section);
        builder.Services.AddValidatedOptions<IngestionOptions>(IngestionOptions.Section);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new IngestionClock(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            return new DuplicateFilter(options.DuplicateWindow, options.DuplicateWindowTime, sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddValidatedOptions<JournalOptions>(JournalOptions.Section);
        builder.Services.AddSingleton<JournalMetrics>();
        builder.Services.AddSingleton(sp => new IngestionJournal(
            Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.EnsureDataDirectory(), sp.GetRequiredService<IOptions<JournalOptions>>().Value.Directory),
            sp.GetRequiredService<IOptions<JournalOptions>>().Value,
            sp.GetRequiredService<JournalMetrics>(),
            sp.GetRequiredService<ILogger<IngestionJournal>>()));
        builder.Services.AddSingleton<JournalCheckpointer>();
        builder.Services.AddSingleton<AssetFeeds>();
        builder.Services.TryAddSingleton(new IngestionTelemetry(0));
        builder.Services.AddSingleton<DownlinkPort>();
        builder.Services.AddSingleton<IDeviceDownlink>(sp => sp.GetRequiredService<DownlinkPort>());
        builder.Services.AddSingleton<MessageIngestion>();

        // Before the broker: what an earlier run acknowledged is stored before new messages come in.
        builder.Services.AddHostedService<JournalRecovery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JournalCheckpointer>());
        builder.Services.AddSingleton<SessionRevocationListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SessionRevocationListener>());

        var mode = builder.Configuration.GetSection(MqttOptions.Section).GetValue(nameof(MqttOptions.Mode), BrokerMode.Embedded);
        if (mode == BrokerMode.External)
        {
            builder.Services.AddSingleton(sp => new DeviceDirectory(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddSingleton<ExternalBrokerClient>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerClient>());

            // Devices connect through mosquitto: every node hashes new secrets in its format too,
            // whichever node writes the password file.
            builder.Services.Replace(ServiceDescriptor.Singleton(sp => new DeviceProvisioner(sp.GetRequiredService<IGrainFactory>(), mosquittoHashes: true)));
            if (builder.Configuration.GetSection(MqttOptions.Section)[nameof(MqttOptions.AuthFilesDirectory)] is { Length: > 0 })
            {
                builder.Services.AddSingleton<MosquittoAuthExporter>();
                builder.Services.AddHostedService(sp => sp.GetRequiredService<MosquittoAuthExporter>());
            }

            builder.Services.AddSingleton<IDeviceSessionControl, MosquittoSessionControl>();
        }
        else
        {
            builder.Services.AddSingleton(sp =>
            {
                var mqtt = sp.GetRequiredService<IOptions<MqttOptions>>().Value;
                return new ConnectionAdmission(mqtt.MaxPendingConnections, mqtt.ConnectTimeout);
            });
            builder.Services.AddSingleton<TransportMetrics>();
            builder.Services.AddSingleton<EmbeddedBroker>();
            builder.Services.AddSingleton<IDeviceSessionControl>(sp => sp.GetRequiredService<EmbeddedBroker>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }

        return builder;
    }
}
