using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using UrbanTwin.Simulator.Devices;
using UrbanTwin.Simulator.Provisioning;

namespace UrbanTwin.Simulator;

/// <summary>The Simulator project's front door.</summary>
public static class SimulatorHostingExtensions
{
    /// <summary>The command-line switch for <see cref="SimulatorOptions.Devices"/>: <c>--simulate 500</c>.</summary>
    public const string SimulateSwitch = "--simulate";

    /// <summary>
    /// Adds the fleet simulator (idle unless <c>Simulator:Devices</c> or <c>--simulate N</c> asks for
    /// devices). The host provides an <see cref="IFleetProvisioner"/> of type <typeparamref name="TProvisioner"/>.
    /// </summary>
    public static IHostApplicationBuilder AddFleetSimulator<TProvisioner>(this IHostApplicationBuilder builder, string[] args)
        where TProvisioner : class, IFleetProvisioner
    {
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { [SimulateSwitch] = SimulatorOptions.Section + ":" + nameof(SimulatorOptions.Devices) });
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatorMetrics>();
        builder.Services.AddSingleton<IFleetProvisioner, TProvisioner>();
        builder.Services.AddHostedService<FleetSimulatorService>();
        return builder;
    }
}
