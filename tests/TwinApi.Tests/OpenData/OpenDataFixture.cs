namespace UrbanTwin.TwinApi.Tests.OpenData;

/// <summary>
/// Open data as configured by default (k = 10, OGL v3, max-age 60 s), except a rate limit no test
/// reaches, no node cache (each request sees the twins as they are) and a small CSV row limit.
/// </summary>
public sealed class OpenDataFixture : OpenDataHost
{
    public const int MaxCsvRows = 2_000;

    protected override IReadOnlyDictionary<string, string> OpenDataSettings => new Dictionary<string, string>
    {
        ["OpenData:PermitsPerWindow"] = "1000000",
        ["OpenData:CacheDuration"] = "00:00:00",
        ["OpenData:MaxCsvRows"] = "2000",
    };
}
