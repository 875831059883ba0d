using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Embedded;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TwinApi.Health;

/// <summary>
/// The time-series store, and whether readings are reaching it. InfluxDB: Degraded while its
/// schema is not set up (readings wait in the spool, with the reason), while it does not answer,
/// or while anything is spooled; nothing is lost, so never Unhealthy. The embedded store: Degraded
/// while its commits fail (readings and flushes wait, and ingestion slows until they succeed),
/// else Healthy once it answers a query.
/// </summary>
internal sealed class TimeSeriesHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            if (services.GetService<InfluxClient>() is { } influx)
            {
                var spooled = services.GetService<TimeSeriesWriter>()?.SpoolBytes ?? 0;
                if (services.GetService<InfluxTimeSeriesStore>() is { SchemaReady: false } store)
                {
                    return HealthCheckResult.Degraded($"InfluxDB schema not set up yet ({store.SchemaProblem ?? "starting"}); readings are spooled ({spooled:N0} bytes)");
                }

                var answers = await influx.PingAsync(timeout.Token);
                return answers && spooled == 0
                    ? HealthCheckResult.Healthy("InfluxDB answers")
                    : HealthCheckResult.Degraded(answers ? $"InfluxDB answers; {spooled:N0} bytes still spooled" : $"InfluxDB does not answer; readings are spooled ({spooled:N0} bytes)");
            }

            if (services.GetService<SqliteTimeSeriesStore>() is { CommitFailure: { } failure })
            {
                return HealthCheckResult.Degraded(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the embedded store cannot commit since {failure.Since:O} ({failure.Attempts} attempts): {failure.Reason}; readings wait"));
            }

            var embedded = services.GetRequiredService<ITimeSeriesStore>();
            await embedded.RawAsync(DeviceKind.AirQuality, "urbantwin-health", "no2", 0, 1, timeout.Token);
            return HealthCheckResult.Healthy("embedded store answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("time-series store did not answer", ex);
        }
    }
}
