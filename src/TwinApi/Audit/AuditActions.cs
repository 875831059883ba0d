namespace UrbanTwin.TwinApi.Audit;

/// <summary>
/// What an audit entry says happened, as <c>noun.past-participle</c>. Targets are written
/// <c>kind:id</c> (<c>key:3f9c0a7d12e4b865</c>, <c>asset:aq-westminster-01</c>, <c>area:E09000033</c>).
/// </summary>
public static class AuditActions
{
    public const string KeyCreated = "key.created";
    public const string KeyRevoked = "key.revoked";
    public const string AssetRegistered = "asset.registered";
    public const string AssetUpdated = "asset.updated";
    public const string AssetDecommissioned = "asset.decommissioned";

    /// <summary>One entry per import (target <c>import:&lt;id&gt;</c>, the count in the detail), not one per row.</summary>
    public const string AssetsImported = "assets.imported";
    public const string DeviceSecretRotated = "device.secret-rotated";
    public const string AreaAdded = "area.added";
}
