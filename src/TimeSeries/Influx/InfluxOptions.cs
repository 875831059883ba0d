using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TimeSeries.Influx;

/// <summary>The <c>Influx</c> configuration section: where the time series go.</summary>
public sealed class InfluxOptions
{
    public const string Section = "Influx";

    /// <summary>InfluxDB's base URL (<c>Influx:Url</c>), e.g. <c>http://127.0.0.1:8086/</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>The database (<c>Influx:Database</c>); on 2.x/3.x, the v1-mapped bucket.</summary>
    [Required]
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
}
