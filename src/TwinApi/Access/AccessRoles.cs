namespace UrbanTwin.TwinApi.Access;

/// <summary>The roles an API key can carry. Anonymous callers have none: open data and health only.</summary>
public static class AccessRoles
{
    /// <summary>Everything, including API keys and the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>Reads everything and manages assets; with areas, only the assets in those areas.</summary>
    public const string Operator = "operator";

    /// <summary>Reads the node's metrics only (a Prometheus server's key): no twin, no history.</summary>
    public const string Monitor = "monitor";

    public static bool IsKnown(string role) => role is Admin or Operator or Monitor;
}
