using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>The open data (section <c>OpenData</c>): small-count suppression, licence, caching, rate limit and history bounds.</summary>
public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>No control characters: these texts also travel in response headers.</summary>
    private const string PrintableText = @"^[^\x00-\x1F\x7F]+$";

    /// <summary>k: counts of people below this are published as suppressed, never as the number.</summary>
    [Range(1, 100_000, ErrorMessage = "OpenData:SuppressBelow must be between {1} and {2}.")]
    public int SuppressBelow { get; set; } = 10;

    [Required(ErrorMessage = "OpenData:LicenceName must not be empty.")]
    [RegularExpression(PrintableText, ErrorMessage = "OpenData:LicenceName must not hold control characters.")]
    public string LicenceName { get; set; } = "Open Government Licence v3.0";

    [Required(ErrorMessage = "OpenData:LicenceUrl must not be empty.")]
    [Url(ErrorMessage = "OpenData:LicenceUrl must be an absolute http or https URL.")]
    public string LicenceUrl { get; set; } = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";

    /// <summary>The statement the licence asks re-users to show.</summary>
    [Required(ErrorMessage = "OpenData:Attribution must not be empty.")]
    [RegularExpression(PrintableText, ErrorMessage = "OpenData:Attribution must not hold control characters.")]
    public string Attribution { get; set; } = "Contains public sector information licensed under the Open Government Licence v3.0.";

    /// <summary>Who publishes the data (the city or its operator).</summary>
    [Required(ErrorMessage = "OpenData:Publisher must not be empty.")]
    [RegularExpression(PrintableText, ErrorMessage = "OpenData:Publisher must not hold control characters.")]
    public string Publisher { get; set; } = "UrbanTwin";

    /// <summary>How long clients and proxies may reuse a document (<c>Cache-Control: public, max-age</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "OpenData:MaxAge must be between {1} and {2}.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the node answers from a document it has built before building it again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "OpenData:CacheDuration must be between {1} and {2}.")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Open-data requests one client address may make per <see cref="RateWindow"/>.</summary>
    [Range(1, 1_000_000, ErrorMessage = "OpenData:PermitsPerWindow must be between {1} and {2}.")]
    public int PermitsPerWindow { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "OpenData:RateWindow must be between {1} and {2}.")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest time range one CSV may cover.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "366.00:00:00", ErrorMessage = "OpenData:MaxCsvRange must be between {1} and {2}.")]
    public TimeSpan MaxCsvRange { get; set; } = TimeSpan.FromDays(31);

    /// <summary>The most rows one CSV may have (assets × windows, estimated before the query).</summary>
    [Range(1, 100_000_000, ErrorMessage = "OpenData:MaxCsvRows must be between {1} and {2}.")]
    public int MaxCsvRows { get; set; } = 1_000_000;
}
