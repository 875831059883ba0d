namespace UrbanTwin.Grains.Abstractions.DigitalTwins;

/// <summary>
/// A conditional write to the twin graph: store <see cref="Entry"/> (or, when null, delete the
/// entry under <see cref="Key"/>) if the stored entry's ETag is <see cref="IfMatch"/> (null: any,
/// <c>*</c>: it must exist), and only if nothing is stored when <see cref="IfNoneMatch"/> is set.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.GraphWrite")]
public sealed record GraphWrite(string Key, GraphEntry? Entry, string? IfMatch, bool IfNoneMatch);
