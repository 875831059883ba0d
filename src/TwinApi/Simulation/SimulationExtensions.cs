using System.Net;
using Microsoft.Extensions.Options;
using UrbanTwin.Gateway.Mqtt;
using UrbanTwin.Simulator;

namespace UrbanTwin.TwinApi.Simulation;

/// <summary>The host's simulated city (<c>--simulate N</c>): the fleet simulator, provisioned in-process, connecting to this host's own broker.</summary>
public static class SimulationExtensions
{
    public static WebApplicationBuilder AddFleetSimulation(this WebApplicationBuilder builder, string[] args)
    {
        builder.AddFleetSimulator<HostFleetProvisioner>(args);
        builder.Services.AddOptions<SimulatorOptions>().Configure<IOptions<MqttOptions>>((simulator, mqtt) =>
        {
            var broker = mqtt.Value;
            simulator.BrokerHost ??= broker.Mode == BrokerMode.External ? broker.Host : Reachable(broker.BindAddress);
            simulator.BrokerPort ??= broker.Port;
        });
        return builder;
    }

    /// <summary>A broker listening on every address is reached on loopback.</summary>
    private static string Reachable(string bindAddress) =>
        IPAddress.TryParse(bindAddress, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            ? "127.0.0.1"
            : bindAddress;
}
