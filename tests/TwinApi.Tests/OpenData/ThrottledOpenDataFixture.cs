namespace UrbanTwin.TwinApi.Tests.OpenData;

/// <summary>Open data with 3 requests per minute per client address and a node cache of ten minutes.</summary>
public sealed class ThrottledOpenDataFixture : OpenDataHost
{
    public const int PermitsPerMinute = 3;

    protected override IReadOnlyDictionary<string, string> OpenDataSettings => new Dictionary<string, string>
    {
        ["OpenData:PermitsPerWindow"] = "3",
        ["OpenData:RateWindow"] = "00:01:00",
        ["OpenData:CacheDuration"] = "00:10:00",
    };
}
