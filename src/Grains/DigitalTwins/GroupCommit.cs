namespace UrbanTwin.Grains.DigitalTwins;

/// <summary>
/// Makes a reentrant grain's changes durable before it answers, without one storage write per
/// change: a caller changes the state in memory, then awaits <see cref="CommitAsync"/>, which
/// resolves once a write that includes its change has succeeded. Changes made while a write is in
/// flight share the next one. Runs on the grain's scheduler, so its fields need no locks.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private Task _inFlight = Task.CompletedTask;
    private Task? _next;

    /// <summary>Completes when a write started after this call has stored everything changed before it; throws what that write threw.</summary>
    public Task CommitAsync() => _next ??= WriteAfterAsync(_inFlight);

    private async Task WriteAfterAsync(Task previous)
    {
        // Return before anything runs, so that the task is the shared one before it takes the
        // changes (run inline, it would take them before callers joining it had made theirs).
        await Task.Yield();
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

        // From here on, changes wait for the next write.
        _next = null;
        var writing = write();
        _inFlight = writing;
        await writing;
    }
}
