using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Tests.Storage;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Alerts;

/// <summary>The alert book writes behind: a write that fails must leave the change to be written again, not forget it.</summary>
public sealed class AlertBookWriteFaultTests
{
    [Fact]
    public async Task An_alert_recorded_while_a_write_fault_is_injected_is_stored_once_storage_recovers()
    {
        var directory = ServerProcess.CreateDirectory("alert-book");
        var database = Path.Combine(directory, "urbantwin.db");
        var logged = new LoggedExceptions();
        var alert = new Alert("asset-camden-01:Stale:1557219600000", "asset-camden-01", DeviceKind.Footfall, AlertKind.Stale, AlertSeverity.Warning, DateTimeOffset.FromUnixTimeMilliseconds(1_557_219_600_000), "no reading for 30 min (limit 30 min)");
        try
        {
            using (var first = await TestSilo.StartAsync(database, logged))
            {
                var book = first.Grains().GetGrain<IAlertBookGrain>(IAlertBookGrain.Key);
                await book.GetActiveAsync(); // activated, so the storage has made its table
                using (SqliteWriteFault.Inject(database, "alerts"))
                {
                    await book.RecordAsync(alert);
                    await Eventually.WaitAsync(() => Task.FromResult(logged.Mention(SqliteWriteFault.Message)), failed => failed, TimeSpan.FromSeconds(30));
                }

                // Storage works again: a later write, at the latest the one on deactivation, stores the alert.
                await first.StopAsync(TestContext.Current.CancellationToken);
            }

            using var second = await TestSilo.StartAsync(database, logged);
            var active = await second.Grains().GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).GetActiveAsync();
            await second.StopAsync(TestContext.Current.CancellationToken);

            Assert.Equal(alert, Assert.Single(active));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
