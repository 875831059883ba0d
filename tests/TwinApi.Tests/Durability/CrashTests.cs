using UrbanTwin.TestSupport.Durability;

namespace UrbanTwin.TwinApi.Tests.Durability;

/// <summary>
/// Acknowledged means kept: devices publish QoS 1 readings with unique (seq, ts) while the host is
/// killed (SIGKILL) at a random moment and started again on the same data directory, three times.
/// Every reading that got a PUBACK must be in history exactly once, and each twin must agree with
/// its history: its accepted counter counts every stored reading once, its latest value is the
/// newest reading's. With the embedded store, with InfluxDB up, and with InfluxDB down through
/// every kill (the readings wait in the spool and reach InfluxDB once it is back).
/// <c>bench/crash.sh</c> runs the same loop with many more kills.
/// </summary>
public sealed class CrashTests
{
    [Theory]
    [InlineData("embedded")]
    [InlineData("influxdb")]
    [InlineData("influxdb-down")]
    public async Task Every_acknowledged_reading_survives_kill_9_exactly_once_and_twins_agree_with_history(string store)
    {
        var report = await CrashLoop.RunAsync(new CrashLoopOptions { Store = store, Kills = 3 }, TestContext.Current.CancellationToken);

        Assert.True(report.Kept, report.ToString());
        Assert.True(report.Acknowledged >= 3 * 400, report.ToString());
    }
}
