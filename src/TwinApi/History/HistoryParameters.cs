using System.Globalization;
using System.Text.RegularExpressions;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.History;

/// <summary>
/// Reads the query string of the history routes strictly: <c>from</c>/<c>to</c> as
/// <see cref="TimeRangeParameters"/> reads them (<c>to</c> defaults to now, <c>from</c> to 24
/// hours before <c>to</c>), <c>fields</c> or <c>field</c> by their contract names, <c>every</c> as
/// <c>30s</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>, <c>1w</c> or an ISO 8601 duration (<c>PT1H</c>,
/// <c>P1D</c>), and <c>agg</c>. Each mistake becomes the problem that names it.
/// </summary>
public static partial class HistoryParameters
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);

    public static readonly TimeSpan MinEvery = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxEvery = TimeSpan.FromDays(366);

    private static readonly Dictionary<string, Aggregate> Aggregates = new(StringComparer.Ordinal)
    {
        ["mean"] = Aggregate.Mean,
        ["min"] = Aggregate.Min,
        ["max"] = Aggregate.Max,
        ["count"] = Aggregate.Count,
        ["sum"] = Aggregate.Sum,
        ["last"] = Aggregate.Last,
    };

    public static bool TryRange(string? from, string? to, DateTimeOffset now, out DateTimeOffset start, out DateTimeOffset end, out ApiProblemResult? problem) =>
        TimeRangeParameters.TryRange(from, to, now, DefaultRange, out start, out end, out problem);

    /// <summary>A comma-separated list of a kind's fields; absent: every numeric field the kind stores.</summary>
    public static bool TryFields(DeviceKind kind, string? text, out IReadOnlyList<ContractField> fields, out ApiProblemResult? problem)
    {
        problem = null;
        fields = SeriesSchema.FieldsOf(kind);
        if (text is null)
        {
            return true;
        }

        var chosen = new List<ContractField>();
        foreach (var name in text.Split(','))
        {
            if (!TryField(kind, name, out var field, out problem))
            {
                return false;
            }

            if (!chosen.Contains(field))
            {
                chosen.Add(field);
            }
        }

        fields = chosen;
        return true;
    }

    /// <summary>One field of a kind, by its contract name (required).</summary>
    public static bool TryField(DeviceKind kind, string? name, out ContractField field, out ApiProblemResult? problem)
    {
        problem = null;
        var known = SeriesSchema.FieldsOf(kind);
        field = known.FirstOrDefault(f => f.Name == name)!;
        if (name is null)
        {
            problem = new(ApiProblems.BadQuery, $"field is required: one of {string.Join(", ", known.Select(f => f.Name))}");
            return false;
        }

        if (field is null)
        {
            problem = new(ApiProblems.UnknownField, $"{kind.ToSegment()} has no field '{name}'; it has {string.Join(", ", known.Select(f => f.Name))}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// <c>every</c> and <c>agg</c>: windows when <c>every</c> is given (mean unless <c>agg</c> says
    /// otherwise), raw points when it is not; <paramref name="fallback"/> stands in for an absent <c>every</c>.
    /// </summary>
    public static bool TryWindowing(string? every, string? agg, TimeSpan? fallback, out Windowing? windowing, out ApiProblemResult? problem)
    {
        windowing = null;
        problem = null;
        TimeSpan? span = fallback;
        if (every is not null)
        {
            if (!TryDuration(every, out var parsed) || parsed < MinEvery || parsed > MaxEvery)
            {
                problem = new(ApiProblems.BadQuery, $"every must be a duration from 1 s to 366 days, such as 30s, 15m, 1h, 1d, 1w or ISO 8601 PT15M, P1D (got '{every}')");
                return false;
            }

            span = parsed;
        }

        var aggregate = Aggregate.Mean;
        if (agg is not null && !Aggregates.TryGetValue(agg, out aggregate))
        {
            problem = new(ApiProblems.BadQuery, $"agg must be one of {string.Join(", ", Aggregates.Keys)}");
            return false;
        }

        if (span is null)
        {
            if (agg is not null)
            {
                problem = new(ApiProblems.BadQuery, "agg needs every: raw points are not aggregated");
                return false;
            }

            return true;
        }

        windowing = new Windowing(span.Value, aggregate);
        return true;
    }

    /// <summary>Whether the request stays within <paramref name="options"/>: raw ranges and window counts.</summary>
    public static bool TryBound(HistoryOptions options, DateTimeOffset start, DateTimeOffset end, Windowing? windowing, out ApiProblemResult? problem)
    {
        problem = null;
        if (windowing is null && end - start > options.MaxRawRange)
        {
            problem = new(ApiProblems.TimeRangeTooLarge, $"raw points may span at most {Describe(options.MaxRawRange)}; this range spans {Describe(end - start)}: shorten it or ask for windows with every=");
            return false;
        }

        if (windowing is not null && windowing.CountIn(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds()) is var windows && windows > options.MaxWindows)
        {
            problem = new(ApiProblems.TimeRangeTooLarge, $"the range holds {windows:N0} windows of {windowing.EveryText} per field, more than {options.MaxWindows:N0}: shorten it or widen every");
            return false;
        }

        return true;
    }

    /// <summary><c>30s</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>, <c>1w</c>, or an ISO 8601 duration in weeks, days, hours, minutes and seconds (no years or months: their length varies).</summary>
    public static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = default;
        long ms;
        if (ShortDuration().Match(text) is { Success: true } s)
        {
            ms = long.Parse(s.Groups["n"].ValueSpan, CultureInfo.InvariantCulture) * UnitMs(s.Groups["u"].Value[0]);
        }
        else if (IsoDuration().Match(text) is { Success: true } iso && text != "P" && !text.EndsWith('T'))
        {
            ms = 0;
            foreach (var unit in "WDHMS")
            {
                if (iso.Groups[unit.ToString()] is { Success: true } group)
                {
                    ms += long.Parse(group.ValueSpan, CultureInfo.InvariantCulture) * UnitMs(char.ToLowerInvariant(unit));
                }
            }
        }
        else
        {
            return false;
        }

        // Nine digits of weeks overflow a TimeSpan; anything that long is refused by the caller anyway.
        duration = ms > (long)TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(ms);
        return true;
    }

    private static long UnitMs(char unit) => unit switch
    {
        's' => 1_000L,
        'm' => 60_000L,
        'h' => 3_600_000L,
        'd' => 86_400_000L,
        _ => 604_800_000L,
    };

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : $"{span.TotalMinutes:0.#} min";

    [GeneratedRegex(@"^(?<n>[0-9]{1,9})(?<u>[smhdw])$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortDuration();

    [GeneratedRegex(@"^P(?:(?<W>[0-9]{1,9})W|(?:(?<D>[0-9]{1,9})D)?(?:T(?:(?<H>[0-9]{1,9})H)?(?:(?<M>[0-9]{1,9})M)?(?:(?<S>[0-9]{1,9})S)?)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();
}
