namespace UrbanTwin.Grains.Hosting;

/// <summary>How silos find each other and where they keep grain state.</summary>
public enum SiloClustering
{
    /// <summary>One silo on loopback, grain state in SQLite under the data directory (the default).</summary>
    Localhost = 0,

    /// <summary>Several silos sharing membership and grain state in Redis.</summary>
    Redis = 1,
}
