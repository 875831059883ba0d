namespace UrbanTwin.Grains.Abstractions;

/// <summary>A hash of a string that is the same on every node and every run, unlike <see cref="string.GetHashCode()"/>: for spreading keys over shard grains.</summary>
public static class StableHash
{
    /// <summary>FNV-1a (32 bits) over the string's UTF-16 characters.</summary>
    public static uint Fnv1a(string value)
    {
        var hash = 2_166_136_261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16_777_619u;
        }

        return hash;
    }
}
