using UrbanTwin.Grains.Abstractions.Alerts;

namespace UrbanTwin.Grains.Alerts;

/// <summary>Keeps the active alerts and a bounded history; written on every change (alerts are rare).</summary>
public sealed class AlertBookGrain(
    [PersistentState("alerts", GrainStorage.Name)] IPersistentState<AlertBookState> state) : Grain, IAlertBookGrain
{
    public const int HistoryLimit = 1000;

    public async Task RecordAsync(Alert alert)
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

        await state.WriteStateAsync();
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
