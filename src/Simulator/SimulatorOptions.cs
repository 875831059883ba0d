using System.ComponentModel.DataAnnotations;
using UrbanTwin.Simulator.Fleet;

namespace UrbanTwin.Simulator;

/// <summary>The <c>Simulator</c> configuration section: the fleet a host simulates (none unless <see cref="Devices"/> is set).</summary>
public sealed class SimulatorOptions : IValidatableObject
{
    public const string Section = "Simulator";

    /// <summary>How many devices to simulate, kinds in turn (<c>Simulator:Devices</c>, or <c>--simulate N</c>); 0: none.</summary>
    [Range(0, 100_000, ErrorMessage = "Simulator:Devices must be between {1} and {2}.")]
    public int Devices { get; set; }

    /// <summary>Decides places, sites and every reading (<c>Simulator:Seed</c>): the same seed, the same city.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Asset and device ids are <c>{prefix}-aq-00001</c>, … (<c>Simulator:IdPrefix</c>).</summary>
    public string IdPrefix { get; set; } = FleetPlan.DefaultPrefix;

    /// <summary>Divides the reporting intervals and multiplies the buses (<c>Simulator:SpeedUp</c>); the time of day stays real.</summary>
    [Range(0.1, 10_000, ErrorMessage = "Simulator:SpeedUp must be between {1} and {2}.")]
    public double SpeedUp { get; set; } = 10;

    /// <summary>Probability per reading that a sensor fault starts (<c>Simulator:FaultRate</c>).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Simulator:FaultRate must be between {1} and {2}.")]
    public double FaultRate { get; set; } = 0.005;

    /// <summary>Share of messages sent as deliberately bad payloads (<c>Simulator:BadPayloadShare</c>).</summary>
    [Range(0.0, 1.0, ErrorMessage = "Simulator:BadPayloadShare must be between {1} and {2}.")]
    public double BadPayloadShare { get; set; }

    /// <summary>Mean time between a device's network outages (<c>Simulator:OutageInterval</c>); zero: none.</summary>
    public TimeSpan OutageInterval { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long an outage lasts (<c>Simulator:OutageDuration</c>); readings taken meanwhile go up as a backlog afterwards.</summary>
    public TimeSpan OutageDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The broker the devices connect to (<c>Simulator:BrokerHost</c>); unset: the host's own.</summary>
    public string? BrokerHost { get; set; }

    /// <summary>The broker's plain MQTT port (<c>Simulator:BrokerPort</c>); unset: the host's own.</summary>
    [Range(1, 65535, ErrorMessage = "Simulator:BrokerPort must be between {1} and {2}.")]
    public int? BrokerPort { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!FleetPlan.IsValidPrefix(IdPrefix))
        {
            yield return new ValidationResult($"Simulator:IdPrefix '{IdPrefix}' must match {FleetPlan.PrefixPattern}.", [nameof(IdPrefix)]);
        }

        if (OutageInterval < TimeSpan.Zero || OutageDuration <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Simulator:OutageInterval must not be negative and Simulator:OutageDuration must be positive.", [nameof(OutageInterval), nameof(OutageDuration)]);
        }
    }
}
