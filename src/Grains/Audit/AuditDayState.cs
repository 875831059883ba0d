using UrbanTwin.Grains.Abstractions.Audit;

namespace UrbanTwin.Grains.Audit;

[GenerateSerializer]
[Alias("ut.AuditDayState")]
public sealed class AuditDayState
{
    /// <summary>Pages 0 to <c>SealedPages - 1</c> are full and kept by their own grains.</summary>
    [Id(0)]
    public int SealedPages { get; set; }

    /// <summary>The entries after the sealed pages, oldest first; fewer than a page.</summary>
    [Id(1)]
    public List<AuditEntry> Open { get; set; } = [];
}
