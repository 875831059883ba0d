namespace UrbanTwin.Grains.Tests;

public sealed class WriteBehindTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(800, 1)]
    [InlineData(5_000, 5)]
    [InlineData(7_500, 7.5)]
    [InlineData(1_000_000, 20)]
    public void A_large_state_waits_longer_between_writes_within_the_bounds(int entries, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WriteBehind.DelayFor(entries));
}
