using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Grains.Live;

/// <summary>The <c>Live</c> configuration section: live feed buffers, heartbeats and how nodes find each other's listeners.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Events queued for one listener before its oldest are dropped (<c>Live:SubscriberBuffer</c>).</summary>
    [Range(16, 1_000_000, ErrorMessage = "Live:SubscriberBuffer must be between {1} and {2}.")]
    public int SubscriberBuffer { get; set; } = 1_000;

    /// <summary>
    /// The node's latest events kept so a live stream that reconnects with <c>Last-Event-ID</c> gets
    /// what it missed (<c>Live:ReplayBuffer</c>); 0 keeps none.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Live:ReplayBuffer must be between {1} and {2}.")]
    public int ReplayBuffer { get; set; } = 10_000;

    /// <summary>How often an idle live stream sends a comment line so proxies keep it open (<c>Live:HeartbeatInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Live:HeartbeatInterval must be between {1} and {2}.")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often each node renews its entry in the live directory (<c>Live:RelayInterval</c>); a
    /// node silent for three of these is forgotten. Changes are announced at once; this bounds how
    /// long a dead node's listeners are still sent to.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Live:RelayInterval must be between {1} and {2}.")]
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(5);
}
