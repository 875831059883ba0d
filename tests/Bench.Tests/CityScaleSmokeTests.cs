using UrbanTwin.TestSupport;

namespace UrbanTwin.Bench.Tests;

/// <summary>
/// <c>bench/city.sh --smoke</c>: the city-scale benchmark end to end in seconds (60 devices from
/// their own loopback addresses, a reading every 5 s, kill -9 of the node and every device back),
/// on the binaries this test run was built with. Only that no reading is lost and every device
/// comes back is asserted, never a figure.
/// </summary>
public class CityScaleSmokeTests
{
    [Fact]
    public async Task The_smoke_run_loses_no_reading_and_every_device_comes_back_after_a_kill()
    {
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var (exitCode, output, error) = await CommandLine.RunAsync(
            "bash",
            [Path.Combine(RepositoryPaths.Root, "bench", "city.sh"), "--smoke", "--no-build", "--configuration", configuration],
            TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, $"bench/city.sh --smoke exited with {exitCode}\n{output}\n{error}");
        Assert.Contains("complete: no reading lost, every device connected", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split("**0 lost**").Length - 1);
    }
}
