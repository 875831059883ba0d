using System.Globalization;

namespace UrbanTwin.Grains.Abstractions.Audit;

/// <summary>A full page of one day's audit log (key <c>yyyy-MM-dd/n</c>), written once by the day's grain.</summary>
[Alias("ut.IAuditPageGrain")]
public interface IAuditPageGrain : IGrainWithStringKey
{
    public static string KeyFor(string dayKey, int page) => dayKey + "/" + page.ToString(CultureInfo.InvariantCulture);

    [Alias("Store")]
    Task StoreAsync(IReadOnlyList<AuditEntry> entries);

    [Alias("Get")]
    Task<IReadOnlyList<AuditEntry>> GetAsync();
}
