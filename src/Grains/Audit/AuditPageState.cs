using UrbanTwin.Grains.Abstractions.Audit;

namespace UrbanTwin.Grains.Audit;

[GenerateSerializer]
[Alias("ut.AuditPageState")]
public sealed class AuditPageState
{
    [Id(0)]
    public List<AuditEntry> Entries { get; set; } = [];
}
