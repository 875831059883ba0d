using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Grains.Hosting;

/// <summary>The <c>Orleans</c> configuration section: where the silo listens and how it clusters.</summary>
public sealed class SiloOptions : IValidatableObject
{
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo port (<c>Orleans:SiloPort</c>).</summary>
    [Range(1, 65535, ErrorMessage = "Orleans:SiloPort must be between {1} and {2}.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients such as scaled-out gateways (<c>Orleans:GatewayPort</c>).</summary>
    [Range(1, 65535, ErrorMessage = "Orleans:GatewayPort must be between {1} and {2}.")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// <c>localhost</c> (single node) or <c>redis</c> (<c>Orleans:ClusterMode</c>). Not
    /// <c>Orleans:Clustering</c>: Orleans itself reads that key as a provider section.
    /// </summary>
    public SiloClustering ClusterMode { get; set; } = SiloClustering.Localhost;

    /// <summary>Redis for membership and grain state (<c>Orleans:RedisConnectionString</c>), e.g. <c>127.0.0.1:6379</c>.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>The cluster's id: silos with the same id form one cluster (<c>Orleans:ClusterId</c>).</summary>
    [Required(ErrorMessage = "Orleans:ClusterId must not be empty.")]
    public string ClusterId { get; set; } = "urbantwin";

    /// <summary>Stays the same across deployments: keys the persisted state (<c>Orleans:ServiceId</c>).</summary>
    [Required(ErrorMessage = "Orleans:ServiceId must not be empty.")]
    public string ServiceId { get; set; } = "urbantwin";

    /// <summary>The address other silos reach this one at in a cluster (<c>Orleans:AdvertisedAddress</c>).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ClusterMode == SiloClustering.Redis && string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            yield return new ValidationResult("Orleans:RedisConnectionString is required with Orleans:ClusterMode=redis.", [nameof(RedisConnectionString)]);
        }

        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return new ValidationResult($"Orleans:AdvertisedAddress '{AdvertisedAddress}' is not an IP address.", [nameof(AdvertisedAddress)]);
        }
    }
}
