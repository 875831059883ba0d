using UrbanTwin.Grains.Twins;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>The clean-stop file: written only when every twin deactivated with its state written, and read once.</summary>
public sealed class CleanStopTests : IDisposable
{
    private readonly string _directory = ServerProcess.CreateDirectory("clean-stop");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_stop_that_left_a_twin_undeactivated_is_not_clean_and_the_next_start_wakes_every_twin()
    {
        var stop = new CleanStop(_directory);
        stop.Activated();
        stop.Activated();
        stop.Deactivated("asset-a", watching: true);

        Assert.False(stop.Write());
        Assert.Null(new CleanStop(_directory).Take());
    }

    [Fact]
    public void A_clean_stop_lists_the_watching_twins_once_and_is_read_only_once()
    {
        var stop = new CleanStop(_directory);
        foreach (var (asset, watching) in new[] { ("asset-a", true), ("asset-b", false), ("asset-a", true), ("asset-c", true) })
        {
            stop.Activated();
            stop.Deactivated(asset, watching);
        }

        Assert.True(stop.Write());
        var next = new CleanStop(_directory);
        Assert.Equal(["asset-a", "asset-c"], next.Take());
        Assert.Null(next.Take());
    }
}
