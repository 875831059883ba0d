using System.Runtime.CompilerServices;

namespace UrbanTwin.Grains.Tests;

public sealed class WriteBehindTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);

    private readonly StateWrites _state = new();
    private readonly ManualTimers _timers = new();
    private readonly WriteBehind _writes;

    public WriteBehindTests() => _writes = new WriteBehind(_state.WriteAsync, () => Delay, _timers.Start);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(800, 1)]
    [InlineData(5_000, 5)]
    [InlineData(7_500, 7.5)]
    [InlineData(1_000_000, 20)]
    public void A_large_state_waits_longer_between_writes_within_the_bounds(int entries, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WriteBehind.DelayFor(entries));

    [Fact]
    public void A_new_state_is_clean_and_has_no_timer()
    {
        Assert.False(_writes.IsDirty);
        Assert.Empty(_timers.Started);
    }

    [Fact]
    public void A_change_makes_the_state_dirty_and_arms_a_timer_for_the_delay_without_writing()
    {
        Change();

        Assert.True(_writes.IsDirty);
        Assert.Equal(Delay, Assert.Single(_timers.Armed).Due);
        Assert.Empty(_state.Attempted);
    }

    [Fact]
    public void Changes_before_the_timer_fires_arm_no_other_timer()
    {
        Change();
        Change();
        Change();

        Assert.Single(_timers.Started);
    }

    [Fact]
    public async Task The_timer_writes_the_state_once_for_all_the_changes_before_it()
    {
        Change();
        Change();
        Change();

        await _timers.FireAsync();

        Assert.Equal([3], _state.Stored);
        Assert.False(_writes.IsDirty);
        Assert.Empty(_timers.Armed);
    }

    [Fact]
    public async Task A_change_after_a_write_arms_a_new_timer_and_is_written_by_it()
    {
        Change();
        await _timers.FireAsync();

        Change();
        await _timers.FireAsync();

        Assert.Equal(2, _timers.Started.Count);
        Assert.Equal([1, 2], _state.Stored);
    }

    [Fact]
    public async Task The_delay_is_asked_for_each_time_the_timer_is_armed()
    {
        var entries = 2_000;
        var writes = new WriteBehind(_state.WriteAsync, () => WriteBehind.DelayFor(entries), _timers.Start);
        writes.Changed();
        await _timers.FireAsync();
        entries = 9_000;

        writes.Changed();

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9)], _timers.Started.Select(t => t.Due));
    }

    [Fact]
    public async Task A_tick_queued_before_a_flush_disarmed_its_timer_writes_nothing()
    {
        Change();
        var timer = Assert.Single(_timers.Armed);
        await _writes.FlushAsync(TestContext.Current.CancellationToken);

        await timer.FireAsync();

        Assert.Equal([1], _state.Attempted);
    }

    [Fact]
    public async Task A_write_that_fails_on_the_timer_leaves_the_change_dirty_and_arms_the_timer_again()
    {
        Change();
        _state.Failing = true;

        await Assert.ThrowsAsync<IOException>(_timers.FireAsync);

        Assert.True(_writes.IsDirty);
        Assert.Equal(2, _timers.Started.Count);
        Assert.Equal(Delay, Assert.Single(_timers.Armed).Due);
    }

    [Fact]
    public async Task The_timer_armed_again_after_a_failed_write_stores_the_change()
    {
        Change();
        _state.Failing = true;
        await Assert.ThrowsAsync<IOException>(_timers.FireAsync);
        _state.Failing = false;

        await _timers.FireAsync();

        Assert.Equal([1, 1], _state.Attempted);
        Assert.Equal([1], _state.Stored);
        Assert.False(_writes.IsDirty);
        Assert.Empty(_timers.Armed);
    }

    [Fact]
    public async Task A_flush_after_a_failed_write_stores_the_change()
    {
        Change();
        _state.Failing = true;
        await Assert.ThrowsAsync<IOException>(_timers.FireAsync);
        _state.Failing = false;

        await _writes.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1], _state.Stored);
        Assert.False(_writes.IsDirty);
    }

    [Fact]
    public async Task A_flush_writes_the_changes_at_once_and_disarms_the_timer()
    {
        Change();
        Change();

        await _writes.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([2], _state.Stored);
        Assert.False(_writes.IsDirty);
        Assert.Empty(_timers.Armed);
    }

    [Fact]
    public async Task A_flush_of_a_clean_state_writes_nothing()
    {
        await _writes.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Empty(_state.Attempted);
    }

    [Fact]
    public async Task A_flush_that_fails_throws_and_leaves_the_change_dirty_with_its_timer_armed()
    {
        Change();
        _state.Failing = true;

        await Assert.ThrowsAsync<IOException>(() => _writes.FlushAsync(TestContext.Current.CancellationToken));

        Assert.True(_writes.IsDirty);
        Assert.Single(_timers.Armed);
    }

    [Fact]
    public async Task A_write_that_throws_before_it_starts_leaves_the_change_dirty_and_arms_the_timer_again()
    {
        Change();
        _state.ThrowingAtOnce = true;

        await Assert.ThrowsAsync<InvalidOperationException>(_timers.FireAsync);

        Assert.True(_writes.IsDirty);
        Assert.Single(_timers.Armed);
    }

    [Fact]
    public Task A_change_made_while_a_write_is_in_flight_stays_dirty_and_has_a_timer_for_its_own_write() => AsOneGrain(async () =>
    {
        Change();
        _state.Holding = true;
        var tick = _timers.FireAsync();
        Change();

        _state.Complete();
        await tick;

        Assert.Equal([1], _state.Stored);
        Assert.True(_writes.IsDirty);
        Assert.Single(_timers.Armed);
        _state.Holding = false;
        await _timers.FireAsync();
        Assert.Equal([1, 2], _state.Stored);
        Assert.False(_writes.IsDirty);
    });

    [Fact]
    public Task A_flush_while_a_write_is_in_flight_waits_for_it_then_writes_what_came_after() => AsOneGrain(async () =>
    {
        Change();
        _state.Holding = true;
        var tick = _timers.FireAsync();
        Change();

        var flush = _writes.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1], _state.Attempted);
        _state.Holding = false;
        _state.Complete();
        await Task.WhenAll(tick, flush);

        Assert.Equal([1, 2], _state.Stored);
        Assert.False(_writes.IsDirty);
        Assert.Empty(_timers.Armed);
    });

    [Fact]
    public Task A_flush_while_a_write_is_in_flight_that_took_every_change_writes_nothing_more() => AsOneGrain(async () =>
    {
        Change();
        _state.Holding = true;
        var tick = _timers.FireAsync();

        var flush = _writes.FlushAsync(TestContext.Current.CancellationToken);
        _state.Complete();
        await Task.WhenAll(tick, flush);

        Assert.Equal([1], _state.Attempted);
        Assert.False(_writes.IsDirty);
    });

    [Fact]
    public Task Flushes_that_wait_for_the_same_write_make_one_write_after_it_never_two_at_once() => AsOneGrain(async () =>
    {
        Change();
        _state.Holding = true;
        var tick = _timers.FireAsync();
        Change();
        var first = _writes.FlushAsync(TestContext.Current.CancellationToken);
        var second = _writes.FlushAsync(TestContext.Current.CancellationToken);

        _state.Complete();
        await _state.HeldAsync();
        _state.Complete();
        await Task.WhenAll(tick, first, second);

        Assert.Equal([1, 2], _state.Attempted);
        Assert.Equal(1, _state.MostInFlight);
        Assert.False(_writes.IsDirty);
    });

    [Fact]
    public Task A_flush_that_waits_for_a_write_that_fails_writes_the_change_itself() => AsOneGrain(async () =>
    {
        Change();
        _state.Holding = true;
        var tick = _timers.FireAsync();
        var flush = _writes.FlushAsync(TestContext.Current.CancellationToken);

        _state.Holding = false;
        _state.Fail();
        await Assert.ThrowsAsync<IOException>(() => tick);
        await flush;

        Assert.Equal([1, 1], _state.Attempted);
        Assert.Equal([1], _state.Stored);
        Assert.False(_writes.IsDirty);
        Assert.Empty(_timers.Armed);
    });

    [Fact]
    public async Task Without_a_timer_a_change_only_marks_the_state_dirty_until_a_flush_writes_it()
    {
        var writes = new WriteBehind(_state.WriteAsync);
        _state.Change();
        writes.Changed();
        Assert.True(writes.IsDirty);

        await writes.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1], _state.Stored);
        Assert.False(writes.IsDirty);
    }

    [Fact]
    public async Task Without_a_timer_a_failed_flush_leaves_the_change_dirty_for_the_next_one()
    {
        var writes = new WriteBehind(_state.WriteAsync);
        _state.Change();
        writes.Changed();
        _state.Failing = true;
        await Assert.ThrowsAsync<IOException>(() => writes.FlushAsync(TestContext.Current.CancellationToken));
        Assert.True(writes.IsDirty);
        _state.Failing = false;

        await writes.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1], _state.Stored);
        Assert.False(writes.IsDirty);
    }

    [Fact]
    public async Task A_finished_write_is_let_go_so_that_an_idle_grain_does_not_keep_it()
    {
        var write = new WeakReference(null);
        var stored = new TaskCompletionSource();
        var writes = new WriteBehind(_ => Watched(write, StoreAsync(stored.Task)));
        writes.Changed();

        var flush = FlushAsync(writes);
        stored.SetResult();
        await flush;

        Assert.False(IsAliveAfterCollection(write), "the write behind still holds the task of a finished write");
        Assert.False(writes.IsDirty);
    }

    /// <summary>
    /// Runs a test whose writes are held as Orleans runs a grain: one piece at a time, what a
    /// finished write lets go on queued behind the piece running. (The tasks that wait for one
    /// write go on one at a time here; on the thread pool they would run side by side.)
    /// </summary>
    private static Task AsOneGrain(Func<Task> test) =>
        Task.Factory.StartNew(test, TestContext.Current.CancellationToken, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();

    // These two run in frames of their own: a debug build keeps every local of a frame alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task FlushAsync(WriteBehind writes) => await writes.FlushAsync(TestContext.Current.CancellationToken);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsAliveAfterCollection(WeakReference reference)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return reference.IsAlive;
    }

    private static Task Watched(WeakReference watch, Task write)
    {
        watch.Target = write;
        return write;
    }

    private static async Task StoreAsync(Task stored) => await stored;

    private void Change()
    {
        _state.Change();
        _writes.Changed();
    }
}
