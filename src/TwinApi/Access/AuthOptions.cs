namespace UrbanTwin.TwinApi.Access;

/// <summary>Access control settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The first admin key. Unset on a single node: one is generated, kept (hashed) in the data directory and printed once.</summary>
    public string? AdminKey { get; set; }
}
