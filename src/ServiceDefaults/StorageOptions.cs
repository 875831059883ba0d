using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.ServiceDefaults;

/// <summary>
/// The <c>Storage</c> configuration section: where a node keeps what must survive a restart
/// (generated TLS keys, and the embedded stores).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data directory (<c>Storage:DataDirectory</c>), relative to the working directory unless absolute.</summary>
    [Required(ErrorMessage = "Storage:DataDirectory must not be empty.")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The data directory as an absolute path, created if missing.</summary>
    public string EnsureDataDirectory()
    {
        var path = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}
