using UrbanTwin.TestSupport;

namespace UrbanTwin.Bench.Tests;

/// <summary>
/// <c>bench/e2e.sh --smoke</c>: every scenario of the end-to-end benchmark (mosquitto and influxd
/// alone, mosquitto + Node-RED, the UrbanTwin host embedded, paced and behind mosquitto) runs end
/// to end in seconds with tiny counts, on the binaries this test run was built with. Only that it
/// completes with every reading counted is asserted, never a figure.
/// </summary>
public class EndToEndSmokeTests
{
    [Fact]
    public async Task The_smoke_run_completes_every_scenario_with_zero_loss()
    {
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        // The benchmark stops itself after --timeout-minutes (and the script cleans up); the
        // command's own timeout, a little longer, is the last resort.
        var (exitCode, output, error) = await CommandLine.RunAsync(
            "bash",
            [Path.Combine(RepositoryPaths.Root, "bench", "e2e.sh"), "--smoke", "--no-build", "--configuration", configuration, "--timeout-minutes", "3"],
            TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, $"bench/e2e.sh --smoke exited with {exitCode}\n{output}\n{error}");
        Assert.Contains("complete with zero loss", output, StringComparison.Ordinal);
        Assert.DoesNotContain("LOSS", output, StringComparison.Ordinal);
    }
}
