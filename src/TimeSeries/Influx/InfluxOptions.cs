using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TimeSeries.Influx;

/// <summary>
/// The <c>Influx</c> configuration section: where the time series go. Validated at start; each
/// message names its key, since an operator sets keys, not properties.
/// </summary>
public sealed class InfluxOptions : IValidatableObject
{
    public const string Section = "Influx";

    /// <summary>InfluxDB's base URL (<c>Influx:Url</c>), e.g. <c>http://127.0.0.1:8086/</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>The database (<c>Influx:Database</c>); on 2.x/3.x, the v1-mapped bucket.</summary>
    [Required(ErrorMessage = "Influx:Database must not be empty.")]
    public string Database { get; set; } = "urbantwin";

    /// <summary>The retention policy to write to (<c>Influx:RetentionPolicy</c>); unset: the database's default.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary><c>none</c>, <c>basic</c> (Username/Password) or <c>token</c> (<c>Influx:Auth</c>).</summary>
    public InfluxAuth Auth { get; set; } = InfluxAuth.None;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }

    /// <summary>How long raw points are kept (<c>Influx:RawRetention</c>); unset or zero: forever.</summary>
    public TimeSpan? RawRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long 1-minute means are kept (<c>Influx:MinuteRetention</c>).</summary>
    public TimeSpan? MinuteRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long 1-hour means are kept (<c>Influx:HourRetention</c>); unset: forever.</summary>
    public TimeSpan? HourRetention { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is not null && (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"Influx:Url '{Url}' must be an absolute http or https URL.", [nameof(Url)]);
        }

        if (Auth == InfluxAuth.Basic && (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password)))
        {
            yield return new ValidationResult("Influx:Auth is basic: Influx:Username and Influx:Password are required.", [nameof(Username), nameof(Password)]);
        }

        if (Auth == InfluxAuth.Token && string.IsNullOrEmpty(Token))
        {
            yield return new ValidationResult("Influx:Auth is token: Influx:Token is required.", [nameof(Token)]);
        }

        if (RawRetention < TimeSpan.Zero || MinuteRetention < TimeSpan.Zero || HourRetention < TimeSpan.Zero)
        {
            yield return new ValidationResult("Influx:RawRetention, Influx:MinuteRetention and Influx:HourRetention must not be negative.", [nameof(RawRetention), nameof(MinuteRetention), nameof(HourRetention)]);
        }
    }
}
