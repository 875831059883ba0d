namespace UrbanTwin.Contracts.Fields;

/// <summary>Value slots of a footfall reading (see <see cref="ContractSchemas.FootfallTelemetry"/>).</summary>
public static class FootfallField
{
    public const int Interval = 0;
    public const int CountIn = 1;
    public const int CountOut = 2;
    public const int Battery = 3;
    public const int Rssi = 4;
}
