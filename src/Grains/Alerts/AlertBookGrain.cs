using UrbanTwin.Grains.Abstractions.Alerts;

namespace UrbanTwin.Grains.Alerts;

/// <summary>
/// Keeps the active alerts and a bounded history. One grain for the city, so it must survive an
/// alert storm (a network outage makes thousands of twins stale at once): recording is in memory
/// and the book is written behind (<see cref="WriteBehind"/>: a second after a change, longer for a
/// large book, and when it deactivates); a write that fails is tried again. Each twin keeps its own
/// active alerts durably as well, so a crash loses at most that much history, never an active alert
/// for good.
/// </summary>
public sealed class AlertBookGrain(
    [PersistentState("alerts", GrainStorage.Name)] IPersistentState<AlertBookState> state) : Grain, IAlertBookGrain
{
    public const int HistoryLimit = 1000;

    private WriteBehind _writes = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = WriteBehind.ForGrain(
            this,
            state.WriteStateAsync,
            () => WriteBehind.DelayFor(state.State.Active.Count + state.State.Recent.Count),
            interleave: false);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync(cancellationToken);

    public Task RecordAsync(Alert alert)
    {
        var book = state.State;
        if (alert.IsActive)
        {
            book.Active[alert.AlertId] = alert;
        }
        else
        {
            book.Active.Remove(alert.AlertId);
        }

        book.Recent.Add(alert);
        if (book.Recent.Count > HistoryLimit)
        {
            book.Recent.RemoveRange(0, book.Recent.Count - HistoryLimit);
        }

        _writes.Changed();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Alert>> GetActiveAsync() =>
        Task.FromResult<IReadOnlyList<Alert>>([.. state.State.Active.Values.OrderBy(a => a.RaisedAt)]);

    public Task<IReadOnlyList<Alert>> GetRecentAsync(int count)
    {
        var recent = state.State.Recent;
        var take = Math.Clamp(count, 0, recent.Count);
        var result = new List<Alert>(take);
        for (var i = recent.Count - 1; i >= recent.Count - take; i--)
        {
            result.Add(recent[i]);
        }

        return Task.FromResult<IReadOnlyList<Alert>>(result);
    }
}
