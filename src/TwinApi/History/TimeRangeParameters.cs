using System.Globalization;
using System.Text.RegularExpressions;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.History;

/// <summary>
/// Reads <c>from</c> and <c>to</c> the same way on every route that takes a time range (asset and
/// area history, the open-data CSV, the audit log): RFC 3339 times from <see cref="Earliest"/> to
/// <see cref="Latest"/>, <c>to</c> defaulting to now and <c>from</c> to a route's default range
/// before <c>to</c>, and <c>from</c> before <c>to</c>. Each time is checked against that span
/// before any arithmetic is done with it, so a time near the ends of <see cref="DateTimeOffset"/>
/// is refused as the parameter it is rather than failing as an un-representable date later.
/// </summary>
public static partial class TimeRangeParameters
{
    /// <summary>No reading is older: a reading's <c>ts</c> counts milliseconds from the Unix epoch.</summary>
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>The last time a reading's <c>ts</c> may name (9999-12-31T23:59:59.999Z).</summary>
    public static readonly DateTimeOffset Latest = DateTimeOffset.FromUnixTimeMilliseconds((long)ContractField.Timestamp().Max);

    /// <summary>The range [<paramref name="start"/>, <paramref name="end"/>) the query asks for, or the problem that names what is wrong with it.</summary>
    /// <param name="now">The default <c>to</c>.</param>
    /// <param name="defaultRange">How long before <c>to</c> the default <c>from</c> is (never before <see cref="Earliest"/>).</param>
    public static bool TryRange(string? from, string? to, DateTimeOffset now, TimeSpan defaultRange, out DateTimeOffset start, out DateTimeOffset end, out ApiProblemResult? problem)
    {
        start = default;
        if (!TryTime(to, nameof(to), now, out end, out problem))
        {
            return false;
        }

        var fallback = end - defaultRange < Earliest ? Earliest : end - defaultRange;
        if (!TryTime(from, nameof(from), fallback, out start, out problem))
        {
            return false;
        }

        if (start >= end)
        {
            problem = new(ApiProblems.BadTimeRange, $"from ({Format(start)}) must be before to ({Format(end)})");
            return false;
        }

        return true;
    }

    /// <summary>A time as the problems name it: RFC 3339 in UTC, fractions only when there are any.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool TryTime(string? text, string name, DateTimeOffset fallback, out DateTimeOffset time, out ApiProblemResult? problem)
    {
        problem = null;
        time = fallback;
        if (text is null)
        {
            return true;
        }

        if (!Rfc3339().IsMatch(text))
        {
            var hint = text.Contains(' ', StringComparison.Ordinal) ? " (a '+' in a query string reads as a space: encode it as %2B, or use Z)" : "";
            problem = new(ApiProblems.BadTimeRange, $"{name} '{text}' is not an RFC 3339 time such as 2025-06-01T09:30:00Z{hint}");
            return false;
        }

        // The pattern admits dates that do not exist (02-30) and, with an offset, instants beyond year 9999.
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out time) || time < Earliest || time > Latest)
        {
            problem = new(ApiProblems.BadTimeRange, $"{name} '{text}' is not a time from {Format(Earliest)} to {Format(Latest)}");
            return false;
        }

        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
