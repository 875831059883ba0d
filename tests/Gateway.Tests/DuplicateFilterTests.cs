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

    [Fact]
    public void A_reading_is_remembered_for_the_window_time_and_then_forgotten()
    {
        var clock = new SteppedClock();
        var filter = new DuplicateFilter(windowPerDevice: 1024, windowTime: TimeSpan.FromMinutes(10), time: clock);
        Assert.True(filter.TryRecord("aq-westminster-01", 7, Ts));

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.False(filter.TryRecord("aq-westminster-01", 7, Ts));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(filter.TryRecord("aq-westminster-01", 7, Ts));
    }

    [Fact]
    public void A_device_reporting_every_minute_keeps_an_hours_readings_whatever_it_has_sent()
    {
        var clock = new SteppedClock();
        var filter = new DuplicateFilter(time: clock);
        for (uint seq = 0; seq < 20_000; seq++)
        {
            Assert.True(filter.TryRecord("ff-oxford-st-01", seq, Ts + (seq * 60_000L)));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var (remembered, capacity) = filter.Footprint("ff-oxford-st-01");
        Assert.InRange(remembered, 59, 61);
        Assert.True(capacity <= 128, $"a window of {remembered} readings took {capacity} slots");
        Assert.False(filter.TryRecord("ff-oxford-st-01", 19_999, Ts + (19_999 * 60_000L)));
    }

    [Fact]
    public void A_fast_device_is_held_to_the_count_bound_and_its_window_shrinks_when_it_goes_quiet()
    {
        var clock = new SteppedClock();
        var filter = new DuplicateFilter(windowPerDevice: 1024, time: clock);
        for (uint seq = 0; seq < 50_000; seq++)
        {
            filter.TryRecord("bp-junction-0042", seq, Ts + seq);
        }

        Assert.Equal((1024, 1024), filter.Footprint("bp-junction-0042"));
        Assert.False(filter.TryRecord("bp-junction-0042", 49_000, Ts + 49_000)); // inside the last 1,024
        Assert.True(filter.TryRecord("bp-junction-0042", 48_000, Ts + 48_000)); // outside: forgotten

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal((0, 4), filter.Footprint("bp-junction-0042"));
    }

    [Fact]
    public void Recording_readings_allocates_nothing_once_a_window_is_full()
    {
        var clock = new SteppedClock();
        var filter = new DuplicateFilter(windowPerDevice: 1024, time: clock);
        for (uint seq = 0; seq < 5_000; seq++)
        {
            filter.TryRecord("aq-camden-02", seq, Ts + seq);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (uint seq = 5_000; seq < 105_000; seq++)
        {
            filter.TryRecord("aq-camden-02", seq, Ts + seq);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"100,000 more readings allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_released_reading_counts_as_new_when_sent_again_in_a_large_window_too()
    {
        var filter = new DuplicateFilter();
        Reading[] backlog = [.. Enumerable.Range(0, 500).Select(i => At((uint)i, Ts + (i * 1000L)))];
        var isNew = new bool[backlog.Length];
        Assert.Equal(500, filter.Filter("aq-westminster-01", backlog, isNew));

        filter.Release("aq-westminster-01", backlog.AsSpan(100, 50));

        Assert.Equal(50, filter.Filter("aq-westminster-01", backlog, isNew));
        Assert.All(isNew.AsSpan(100, 50).ToArray(), Assert.True);
        Assert.Equal(0, filter.Filter("aq-westminster-01", backlog, isNew));
    }

    private static Reading At(uint seq, long ts) => new(seq, ts, default, 0);

    /// <summary>A clock whose elapsed time moves only when the test says so.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
