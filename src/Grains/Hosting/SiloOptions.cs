using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Grains.Hosting;

/// <summary>The <c>Orleans</c> configuration section: where the silo listens.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo port (<c>Orleans:SiloPort</c>).</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients such as scaled-out gateways (<c>Orleans:GatewayPort</c>).</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}
