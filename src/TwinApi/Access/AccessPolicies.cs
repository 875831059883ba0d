namespace UrbanTwin.TwinApi.Access;

/// <summary>The authorization policies endpoints require. Area scoping is checked per resource on top.</summary>
public static class AccessPolicies
{
    /// <summary>Read twins, history, alerts, the live feed.</summary>
    public const string Read = "read";

    /// <summary>Register, change and decommission assets.</summary>
    public const string Manage = "manage";

    /// <summary>API keys, areas, the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>The node's metrics (the Prometheus scrape endpoint), and nothing else.</summary>
    public const string Metrics = "metrics";

    /// <summary>Open a browser session: an <c>admin</c> or <c>operator</c> API key, sent as a bearer token (never a session cookie).</summary>
    public const string SignIn = "sign-in";

    /// <summary>Read or end the caller's own browser session: its cookie.</summary>
    public const string Session = "session";
}
