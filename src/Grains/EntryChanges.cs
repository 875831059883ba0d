namespace UrbanTwin.Grains;

/// <summary>
/// One row of an <see cref="EntryLog{TEntry}"/>: the entries a grain added or replaced, and the
/// keys it removed, since its previous row.
/// </summary>
[GenerateSerializer]
[Alias("ut.EntryChanges`1")]
public sealed class EntryChanges<TEntry>
{
    [Id(0)]
    public List<TEntry> Upserts { get; set; } = [];

    [Id(1)]
    public List<string> Removals { get; set; } = [];

    public int Count => Upserts.Count + Removals.Count;
}
