using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UrbanTwin.TimeSeries.Embedded;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TimeSeries;

/// <summary>The time series' front door.</summary>
public static class TimeSeriesHostingExtensions
{
    /// <summary>Whether the node writes to InfluxDB (<c>Influx:Url</c> set) rather than its embedded store.</summary>
    public static bool UsesInflux(IConfiguration configuration) =>
        configuration.GetSection(InfluxOptions.Section).Get<InfluxOptions>()?.Url is not null;

    /// <summary>
    /// Adds the time-series store, <see cref="ITimeSeriesStore"/>: InfluxDB when <c>Influx:Url</c> is
    /// set (through the buffered <see cref="TimeSeriesWriter"/>, its spool under
    /// <paramref name="dataDirectory"/>), otherwise the embedded store (<c>series.db</c> there), each
    /// also registered as itself so the node's health can read its state; and
    /// <see cref="TimeSeriesStartup"/>, which prepares it at start. The <c>Influx</c> and
    /// <c>Influx:Writer</c> options are validated at start even when unused, so a wrong value is
    /// refused when it is written, not when InfluxDB is switched on months later.
    /// </summary>
    public static IHostApplicationBuilder AddUrbanTwinTimeSeries(this IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.AddOptions<InfluxOptions>().BindConfiguration(InfluxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TimeSeriesWriterOptions>()
            .BindConfiguration(TimeSeriesWriterOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart()
            .PostConfigure(writer => writer.SpoolDirectory = Path.Combine(dataDirectory, writer.SpoolDirectory ?? ""));

        // Which store to register is decided here, before the options pipeline exists: only
        // whether Influx:Url is set is read from the unvalidated section.
        if (!UsesInflux(builder.Configuration))
        {
            builder.Services.AddSingleton(sp => new SqliteTimeSeriesStore(
                Path.Combine(dataDirectory, "series.db"),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<SqliteTimeSeriesStore>(),
                sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(),
                sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddSingleton<ITimeSeriesStore>(sp => sp.GetRequiredService<SqliteTimeSeriesStore>());
        }
        else
        {
            builder.Services.AddSingleton(sp => new InfluxClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, sp.GetRequiredService<IOptions<InfluxOptions>>().Value));
            builder.Services.AddSingleton(sp => new TimeSeriesWriter(
                sp.GetRequiredService<InfluxClient>(),
                sp.GetRequiredService<IOptions<TimeSeriesWriterOptions>>().Value,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<TimeSeriesWriter>(),
                sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(),
                held: true));
            builder.Services.AddSingleton(sp => new InfluxTimeSeriesStore(sp.GetRequiredService<InfluxClient>(), sp.GetRequiredService<TimeSeriesWriter>(), sp.GetRequiredService<IOptions<InfluxOptions>>().Value));
            builder.Services.AddSingleton<ITimeSeriesStore>(sp => sp.GetRequiredService<InfluxTimeSeriesStore>());
        }

        builder.Services.AddHostedService<TimeSeriesStartup>();
        return builder;
    }
}
