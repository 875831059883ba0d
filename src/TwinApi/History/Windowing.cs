using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TwinApi.History;

/// <summary>Windows of <see cref="Every"/> aligned to the Unix epoch, each reduced to one value by <see cref="Aggregate"/>.</summary>
public sealed record Windowing(TimeSpan Every, Aggregate Aggregate)
{
    public long EveryMs => (long)Every.TotalMilliseconds;

    /// <summary>How many windows [from, to) touches.</summary>
    public long CountIn(long fromMs, long toMs) => FloorDiv(toMs - 1, EveryMs) - FloorDiv(fromMs, EveryMs) + 1;

    /// <summary><see cref="Every"/> as an ISO 8601 duration, e.g. <c>PT15M</c>.</summary>
    public string EveryText => System.Xml.XmlConvert.ToString(Every);

    private static long FloorDiv(long a, long b) => (a / b) - (a % b < 0 ? 1 : 0);
}
