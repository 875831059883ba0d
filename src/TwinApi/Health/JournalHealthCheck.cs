using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Journal;

namespace UrbanTwin.TwinApi.Health;

/// <summary>
/// The journal of acknowledged readings: Unhealthy when it is full (ingestion waits for the
/// checkpoint, devices get no PUBACK), Degraded above 80%, while checkpoints fail or while
/// readings on disk are not reaching their twins (they are safe, but not reaching the stores;
/// the devices of those assets wait for their PUBACKs).
/// </summary>
internal sealed class JournalHealthCheck(IngestionJournal journal, JournalCheckpointer checkpointer, MessageIngestion ingestion) : IHealthCheck
{
    private const double NearlyFull = 0.8;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var fill = (double)journal.Bytes / journal.MaxBytes;
        var held = string.Create(CultureInfo.InvariantCulture, $"{journal.Bytes:N0} of {journal.MaxBytes:N0} bytes ({fill:P0}); {journal.CommittedMessages:N0} messages in {journal.Commits:N0} fsyncs since start");
        HealthCheckResult result;
        if (fill >= 1)
        {
            result = HealthCheckResult.Unhealthy($"journal full: {held}; new readings wait until the stores catch up");
        }
        else if (ingestion.FailingHandoffs is { } handoffs)
        {
            result = HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture, $"readings of {handoffs.Assets} asset(s) are on disk but not reaching their twins since {handoffs.Since:O}, tried again until they are: {handoffs.Reason}; {held}"));
        }
        else if (checkpointer.Failing is { } failing)
        {
            result = HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture, $"journal checkpoints failing since {failing.Since:O}: {failing.Reason}; {held} waiting"));
        }
        else if (fill >= NearlyFull)
        {
            result = HealthCheckResult.Degraded($"journal nearly full: {held}");
        }
        else
        {
            result = HealthCheckResult.Healthy($"journal holds {held}");
        }

        return Task.FromResult(result);
    }
}
