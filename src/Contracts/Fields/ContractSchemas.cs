using UrbanTwin.Contracts.Topics;
using static UrbanTwin.Contracts.Fields.FieldClassification;

namespace UrbanTwin.Contracts.Fields;

/// <summary>
/// The field catalogue of contract v1, the C# twin of <c>firmware-contracts/schemas/</c>: every
/// field's unit, range and classification. A test compares the two, field by field. The decimals
/// of each number are declared here only: the schemas take any number, and the hub gives what it
/// computes from readings to the sensors' resolution, the one the simulated fleet reports at.
/// </summary>
public static class ContractSchemas
{
    private const int AirQualityMeasurements =
        (1 << AirQualityField.Pm25) | (1 << AirQualityField.Pm10) | (1 << AirQualityField.No2) |
        (1 << AirQualityField.O3) | (1 << AirQualityField.Temperature) | (1 << AirQualityField.Humidity);

    public static MessageSchema AirQualityTelemetry { get; } = new(
        "air-quality-telemetry",
        MessageShape.Telemetry,
        [
            ContractField.Sequence(),
            ContractField.Timestamp(),
            ContractField.Number("pm2_5", AirQualityField.Pm25, "µg/m³", 0, 1000, Open, decimals: 1),
            ContractField.Number("pm10", AirQualityField.Pm10, "µg/m³", 0, 2000, Open, decimals: 1),
            ContractField.Number("no2", AirQualityField.No2, "µg/m³", 0, 2000, Open, decimals: 1),
            ContractField.Number("o3", AirQualityField.O3, "µg/m³", 0, 1000, Open, decimals: 1),
            ContractField.Number("temperature", AirQualityField.Temperature, "°C", -50, 70, Open, decimals: 1),
            ContractField.Number("humidity", AirQualityField.Humidity, "%RH", 0, 100, Open, decimals: 1),
            ContractField.Number("battery", AirQualityField.Battery, "V", 0, 60, Internal, decimals: 2),
            ContractField.Number("rssi", AirQualityField.Rssi, "dBm", -150, 0, Internal, decimals: 0),
        ],
        atLeastOneOfMask: AirQualityMeasurements);

    public static MessageSchema FootfallTelemetry { get; } = new(
        "footfall-telemetry",
        MessageShape.Telemetry,
        [
            ContractField.Sequence(),
            ContractField.Timestamp(),
            ContractField.Integer("interval", FootfallField.Interval, "s", 1, 86_400, Open, required: true, nullable: false),
            ContractField.Integer("countIn", FootfallField.CountIn, "people", 0, 100_000, Open, required: true, nullable: false),
            ContractField.Integer("countOut", FootfallField.CountOut, "people", 0, 100_000, Open, required: true, nullable: false),
            ContractField.Number("battery", FootfallField.Battery, "V", 0, 60, Internal, decimals: 2),
            ContractField.Number("rssi", FootfallField.Rssi, "dBm", -150, 0, Internal, decimals: 0),
        ]);

    public static MessageSchema BusPriorityTelemetry { get; } = new(
        "bus-priority-telemetry",
        MessageShape.Telemetry,
        [
            ContractField.Sequence(),
            ContractField.Timestamp(),
            ContractField.Number("occupancy", BusPriorityField.Occupancy, "%", 0, 100, Open, decimals: 1, required: true, nullable: false),
            ContractField.Integer("queue", BusPriorityField.Queue, "vehicles", 0, 1000, Open),
        ]);

    public static MessageSchema BusPriorityRequest { get; } = new(
        "bus-priority-request",
        MessageShape.PriorityRequest,
        [
            ContractField.Sequence(),
            ContractField.Timestamp(),
            ContractField.Text("vehicle", BusPriorityField.VehicleText, TextRule.Matching("^[A-Za-z0-9-]{1,16}$", 16, v => IsAscii(v, 1, 16, allowHyphen: true, allowLetters: true)), Personal, required: true),
            ContractField.Text("route", BusPriorityField.RouteText, TextRule.Matching("^[A-Za-z0-9]{1,8}$", 8, v => IsAscii(v, 1, 8, allowHyphen: false, allowLetters: true)), Open, required: true),
            ContractField.Text("approach", BusPriorityField.ApproachText, TextRule.OneOf("north", "east", "south", "west"), Open, required: true),
            ContractField.Number("etaSeconds", BusPriorityField.EtaSeconds, "s", 0, 600, Open, decimals: 0, required: true, nullable: false),
            ContractField.Number("lateSeconds", BusPriorityField.LateSeconds, "s", -3600, 3600, Open, decimals: 0, required: true, nullable: false),
        ]);

    public static MessageSchema Status { get; } = new(
        "status",
        MessageShape.Status,
        [
            ContractField.Text("state", 0, TextRule.OneOf("online", "offline"), Internal, required: true),
            ContractField.Text("firmware", 1, TextRule.Matching("^[0-9]{1,5}\\.[0-9]{1,5}\\.[0-9]{1,5}$", 17, IsVersion), Internal, required: false),
        ]);

    public static IReadOnlyList<MessageSchema> All { get; } =
        [AirQualityTelemetry, FootfallTelemetry, BusPriorityTelemetry, BusPriorityRequest, Status];

    /// <summary>The schema of a device → hub message, or null when the kind has no such topic.</summary>
    public static MessageSchema? For(DeviceKind kind, MessageType type) => (kind, type) switch
    {
        (DeviceKind.AirQuality, MessageType.Telemetry) => AirQualityTelemetry,
        (DeviceKind.Footfall, MessageType.Telemetry) => FootfallTelemetry,
        (DeviceKind.BusPriority, MessageType.Telemetry) => BusPriorityTelemetry,
        (DeviceKind.BusPriority, MessageType.Request) => BusPriorityRequest,
        (_, MessageType.Status) => Status,
        _ => null,
    };

    private static bool IsAscii(string value, int min, int max, bool allowHyphen, bool allowLetters)
    {
        if (value.Length < min || value.Length > max)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = c is >= '0' and <= '9'
                || (allowLetters && c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
                || (allowHyphen && c == '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVersion(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 3 && parts.All(p => IsAscii(p, 1, 5, allowHyphen: false, allowLetters: false));
    }
}
