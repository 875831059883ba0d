namespace UrbanTwin.TwinApi.OpenData;

/// <summary>The windows of a CSV: [<see cref="FromMs"/>, <see cref="ToMs"/>) in whole windows of <see cref="EveryMs"/>, aligned to the Unix epoch.</summary>
public sealed record HistoryWindow(long FromMs, long ToMs, long EveryMs)
{
    public long Windows => (ToMs - FromMs) / EveryMs;
}
