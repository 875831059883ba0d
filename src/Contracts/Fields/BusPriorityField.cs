namespace UrbanTwin.Contracts.Fields;

/// <summary>
/// Slots of bus-priority messages: telemetry values, and the request's numeric and text slots
/// (see <see cref="ContractSchemas.BusPriorityTelemetry"/> and <see cref="ContractSchemas.BusPriorityRequest"/>).
/// </summary>
public static class BusPriorityField
{
    public const int Occupancy = 0;
    public const int Queue = 1;

    public const int EtaSeconds = 0;
    public const int LateSeconds = 1;

    public const int VehicleText = 0;
    public const int RouteText = 1;
    public const int ApproachText = 2;
}
