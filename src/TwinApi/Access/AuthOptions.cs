using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TwinApi.Access;

/// <summary>Access control settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The first admin key (<c>Auth:AdminKey</c>). Unset: one is generated on the very first start,
    /// kept (hashed) in the key store and printed once to standard output.
    /// </summary>
    [MaxLength(ApiKeySecrets.MaxLength, ErrorMessage = "Auth:AdminKey must be at most {1} characters.")]
    public string? AdminKey { get; set; }

    /// <summary>
    /// How often a node checks the key store for changes made on other nodes
    /// (<c>Auth:KeyRefreshInterval</c>): a revocation made elsewhere applies here within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Auth:KeyRefreshInterval must be between {1} and {2}.")]
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a browser session lasts (<c>Auth:SessionLifetime</c>): the HttpOnly cookie a
    /// dashboard gets for its API key (<c>POST /api/session</c>) is refused after this, and the
    /// page exchanges its key again before then.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00", ErrorMessage = "Auth:SessionLifetime must be between {1} and {2}.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
