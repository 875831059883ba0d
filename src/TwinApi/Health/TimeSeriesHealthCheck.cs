using Microsoft.Extensions.Diagnostics.HealthChecks;
using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TwinApi.Health;

/// <summary>
/// The time-series store: InfluxDB answers its ping (when it does not, readings are spooled to disk
/// and nothing is lost, so the node is degraded rather than unhealthy), or the embedded store
/// answers a query.
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
                var answers = await influx.PingAsync(timeout.Token);
                return answers && spooled == 0
                    ? HealthCheckResult.Healthy("InfluxDB answers")
                    : HealthCheckResult.Degraded(answers ? $"InfluxDB answers; {spooled:N0} bytes still spooled" : $"InfluxDB does not answer; readings are spooled ({spooled:N0} bytes)");
            }

            var store = services.GetRequiredService<ITimeSeriesStore>();
            await store.RawAsync(DeviceKind.AirQuality, "urbantwin-health", "no2", 0, 1, timeout.Token);
            return HealthCheckResult.Healthy("embedded store answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("time-series store did not answer", ex);
        }
    }
}
