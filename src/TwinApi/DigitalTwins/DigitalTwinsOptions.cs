using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TwinApi.DigitalTwins;

/// <summary>Twin API settings (section <c>DigitalTwins</c>).</summary>
public sealed class DigitalTwinsOptions
{
    public const string Section = "DigitalTwins";

    /// <summary>
    /// How often a node asks each graph shard what changed (<c>DigitalTwins:IndexSyncInterval</c>):
    /// a twin or relationship written through another node reaches this node's queries and
    /// incoming lists within this time (a write through this node, at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "DigitalTwins:IndexSyncInterval must be between {1} and {2}.")]
    public TimeSpan IndexSyncInterval { get; set; } = TimeSpan.FromSeconds(1);
}
