namespace UrbanTwin.Grains.Footfall;

/// <summary>People counted in and out: one interval's counts, or the sum over an hour or a day.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.FootfallCounts")]
internal readonly record struct FootfallCounts(long In, long Out)
{
    public FootfallCounts Plus(FootfallCounts other) => new(In + other.In, Out + other.Out);

    public FootfallCounts Minus(FootfallCounts other) => new(In - other.In, Out - other.Out);
}
