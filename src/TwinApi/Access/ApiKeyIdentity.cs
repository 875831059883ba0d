namespace UrbanTwin.TwinApi.Access;

/// <summary>Who an API key speaks for: its id and name (for the audit log), role, and areas (null: all).</summary>
public sealed record ApiKeyIdentity(string KeyId, string Name, string Role, IReadOnlyList<string>? Areas);
