using System.Globalization;
using System.Text.RegularExpressions;
using UrbanTwin.Contracts;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.History;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Spatial;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// Reads the open-data query strings strictly: the kind in the path, <c>bbox</c> or <c>area</c>,
/// and for a CSV <c>from</c>, <c>to</c> (as <see cref="TimeRangeParameters"/> reads them) and
/// <c>every</c> (<c>15m</c>, <c>1h</c>, <c>1d</c>). The range is widened to whole windows: <c>from</c> down, <c>to</c> up. Each mistake
/// becomes the problem that names it.
/// </summary>
public static partial class OpenDataParameters
{
    public const string DefaultEvery = "1h";

    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    public static bool TryKind(string text, out DeviceKind kind, out ApiProblemResult? problem)
    {
        problem = DeviceKinds.TryParse(text, out kind)
            ? null
            : new(ApiProblems.NotFound, $"there is no open data of kind '{text}'; the kinds are {string.Join(", ", DeviceKinds.All.Select(k => k.ToSegment()))}");
        return problem is null;
    }

    public static bool TryScope(IQueryCollection query, AreaSet areas, out OpenDataScope scope, out ApiProblemResult? problem)
    {
        scope = OpenDataScope.All;
        problem = null;
        var bbox = query["bbox"];
        var area = query["area"];
        if (bbox.Count > 0 && area.Count > 0)
        {
            problem = new(ApiProblems.BadQuery, "give either bbox or area, not both");
            return false;
        }

        if (bbox.Count > 0)
        {
            if (!SpatialParameters.TryBox(bbox.ToString(), out var box, out problem))
            {
                return false;
            }

            scope = new OpenDataScope(box, null);
        }
        else if (area.Count > 0)
        {
            if (areas.Find(area.ToString()) is null)
            {
                problem = new(ApiProblems.AreaNotFound, $"no area '{area}'");
                return false;
            }

            scope = new OpenDataScope(null, area.ToString());
        }

        return true;
    }

    /// <summary>The CSV's windows; <paramref name="now"/> is the default <c>to</c>, a day before <c>to</c> the default <c>from</c>.</summary>
    public static bool TryHistory(IQueryCollection query, DateTimeOffset now, TimeSpan maxRange, out HistoryWindow window, out ApiProblemResult? problem)
    {
        window = default!;
        var every = query["every"].Count > 0 ? query["every"].ToString() : DefaultEvery;
        if (!TryEvery(every, out var everyMs))
        {
            problem = new(ApiProblems.BadQuery, $"every '{every}' is not a window such as 15m, 1h or 1d (whole minutes, hours or days, at least 1m)");
            return false;
        }

        if (!TimeRangeParameters.TryRange(ValueOf(query, "from"), ValueOf(query, "to"), now, DefaultRange, out var from, out var to, out problem))
        {
            return false;
        }

        var fromMs = WindowStart(from.ToUnixTimeMilliseconds(), everyMs);
        var toMs = WindowStart(to.ToUnixTimeMilliseconds() - 1, everyMs) + everyMs;
        if (toMs - fromMs > maxRange.TotalMilliseconds)
        {
            problem = new(ApiProblems.TimeRangeTooLarge, string.Create(CultureInfo.InvariantCulture, $"a CSV may cover at most {maxRange.TotalDays:0.##} days (in whole windows); this one covers {(toMs - fromMs) / 86_400_000.0:0.##}"));
            return false;
        }

        window = new HistoryWindow(fromMs, toMs, everyMs);
        return true;
    }

    /// <summary>The start of the epoch-aligned window holding <paramref name="ms"/> (before 1970 too).</summary>
    private static long WindowStart(long ms, long everyMs) => ms - (((ms % everyMs) + everyMs) % everyMs);

    private static bool TryEvery(string text, out long everyMs)
    {
        everyMs = 0;
        var match = Every().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var count = long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        everyMs = count * match.Groups[2].Value switch
        {
            "m" => 60_000L,
            "h" => 3_600_000L,
            _ => 86_400_000L,
        };
        return true;
    }

    private static string? ValueOf(IQueryCollection query, string name) => query[name].Count == 0 ? null : query[name].ToString();

    [GeneratedRegex("^([1-9][0-9]{0,5})(m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Every();
}
