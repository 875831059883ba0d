using System.Globalization;

namespace UrbanTwin.Grains.Abstractions.Audit;

/// <summary>One UTC day of the audit log (key <c>yyyy-MM-dd</c>, see <see cref="KeyFor"/>), in the order entries were appended.</summary>
[Alias("ut.IAuditDayGrain")]
public interface IAuditDayGrain : IGrainWithStringKey
{
    public static string KeyFor(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Appends durably: the entry is stored when the call completes.</summary>
    [Alias("Append")]
    Task AppendAsync(AuditEntry entry);

    /// <summary>The day's entries with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>, newest first, at most <paramref name="limit"/>.</summary>
    [Alias("Newest")]
    Task<IReadOnlyList<AuditEntry>> GetNewestAsync(DateTimeOffset from, DateTimeOffset to, int limit);
}
