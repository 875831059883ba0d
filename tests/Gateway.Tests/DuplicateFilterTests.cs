using UrbanTwin.Contracts.Readings;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Tests;

public sealed class DuplicateFilterTests
{
    private const long Ts = 1_557_219_600_000; // 2019-05-07T09:00:00Z

    [Fact]
    public void Redelivered_reading_is_a_duplicate_for_the_same_device_only()
    {
        var filter = new DuplicateFilter();

        Assert.True(filter.TryRecord("aq-westminster-01", 17, Ts));
        Assert.False(filter.TryRecord("aq-westminster-01", 17, Ts));
        Assert.True(filter.TryRecord("aq-camden-02", 17, Ts));
    }

    [Fact]
    public void Seq_restarting_after_a_reboot_is_not_a_duplicate()
    {
        var filter = new DuplicateFilter();

        Assert.True(filter.TryRecord("aq-westminster-01", 0, Ts));
        Assert.True(filter.TryRecord("aq-westminster-01", 0, Ts + 3_600_000));
    }

    [Fact]
    public void Backlog_batch_marks_repeats_inside_it_and_against_earlier_messages()
    {
        var filter = new DuplicateFilter();
        filter.TryRecord("aq-westminster-01", 2, Ts + 120_000);
        Reading[] batch = [At(1, Ts + 60_000), At(2, Ts + 120_000), At(3, Ts + 180_000), At(1, Ts + 60_000)];
        var isNew = new bool[batch.Length];

        var count = filter.Filter("aq-westminster-01", batch, isNew);

        Assert.Equal(2, count);
        Assert.Equal([true, false, true, false], isNew);
    }

    [Fact]
    public void Window_is_bounded_so_the_oldest_keys_are_forgotten()
    {
        var filter = new DuplicateFilter(windowPerDevice: 3);
        for (uint seq = 1; seq <= 4; seq++)
        {
            Assert.True(filter.TryRecord("ff-oxford-st-01", seq, Ts + seq));
        }

        Assert.True(filter.TryRecord("ff-oxford-st-01", 1, Ts + 1)); // evicted: outside the window
        Assert.False(filter.TryRecord("ff-oxford-st-01", 4, Ts + 4)); // still inside
    }

    [Fact]
    public void Concurrent_redeliveries_are_counted_once()
    {
        var filter = new DuplicateFilter();
        var accepted = 0;

        Parallel.For(0, 8, _ =>
        {
            for (uint seq = 0; seq < 1000; seq++)
            {
                if (filter.TryRecord("bp-junction-0042", seq, Ts + seq))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        });

        Assert.Equal(1000, accepted);
    }

    private static Reading At(uint seq, long ts) => new(seq, ts, default, 0);
}
