using UrbanTwin.Contracts;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>The DTDL Interface of each asset kind's twin (<c>firmware-contracts/dtdl</c>).</summary>
public static class AssetModels
{
    public const string Asset = "dtmi:urbantwin:asset:Asset;1";
    public const string AirQualityStation = "dtmi:urbantwin:asset:AirQualityStation;1";
    public const string FootfallCounter = "dtmi:urbantwin:asset:FootfallCounter;1";
    public const string BusPriorityJunction = "dtmi:urbantwin:asset:BusPriorityJunction;1";

    /// <summary>The component of a junction's twin that holds its writable priority policy.</summary>
    public const string PriorityPolicyComponent = "priorityPolicy";

    public static readonly IReadOnlyList<(DeviceKind Kind, string Model)> ByKind =
    [
        (DeviceKind.AirQuality, AirQualityStation),
        (DeviceKind.Footfall, FootfallCounter),
        (DeviceKind.BusPriority, BusPriorityJunction),
    ];

    public static string Of(DeviceKind kind) => kind switch
    {
        DeviceKind.AirQuality => AirQualityStation,
        DeviceKind.Footfall => FootfallCounter,
        DeviceKind.BusPriority => BusPriorityJunction,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
