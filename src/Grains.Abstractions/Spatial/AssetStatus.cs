namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>How an asset is, as its twin reports it and map queries filter on it.</summary>
public static class AssetStatus
{
    /// <summary>Online, no active alert.</summary>
    public const string Ok = "ok";

    /// <summary>Online with at least one active alert.</summary>
    public const string Alert = "alert";

    /// <summary>Its device is not connected or has gone silent.</summary>
    public const string Offline = "offline";

    /// <summary>Out of service: kept for history, off the map.</summary>
    public const string Decommissioned = "decommissioned";

    /// <summary>Whether <paramref name="status"/> is one an asset on the map can have (ok, alert or offline).</summary>
    public static bool IsOnMap(string status) => status is Ok or Alert or Offline;
}
