using UrbanTwin.Grains.Abstractions.Audit;

namespace UrbanTwin.Grains.Audit;

/// <summary>
/// One UTC day of the audit log. Entries go to an open page kept in this grain's state; when it
/// holds <see cref="PageSize"/> entries it is sealed into its own <see cref="IAuditPageGrain"/> and
/// a new page opens. So an append writes at most one page, however busy the day, and no grain's
/// state grows without bound. Sealing stores the page before the day's state: after a crash in
/// between, the page is simply sealed again with the same entries.
/// </summary>
public sealed class AuditDayGrain(
    [PersistentState("audit-day", GrainStorage.Name)] IPersistentState<AuditDayState> state) : Grain, IAuditDayGrain
{
    public const int PageSize = 256;

    public async Task AppendAsync(AuditEntry entry)
    {
        var day = state.State;
        try
        {
            day.Open.Add(entry);
            if (day.Open.Count >= PageSize)
            {
                await Page(day.SealedPages).StoreAsync(day.Open);
                day.SealedPages++;
                day.Open = [];
            }

            await state.WriteStateAsync();
        }
        catch
        {
            // Start again from what storage holds, not from an entry that was never stored.
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> GetNewestAsync(DateTimeOffset from, DateTimeOffset to, int limit)
    {
        var newest = new List<AuditEntry>(Math.Min(limit, PageSize));
        var sealedPages = state.State.SealedPages;
        Collect(state.State.Open, from, to, limit, newest);
        for (var page = sealedPages - 1; page >= 0 && newest.Count < limit; page--)
        {
            Collect(await Page(page).GetAsync(), from, to, limit, newest);
        }

        return newest;
    }

    private static void Collect(IReadOnlyList<AuditEntry> oldestFirst, DateTimeOffset from, DateTimeOffset to, int limit, List<AuditEntry> newest)
    {
        for (var i = oldestFirst.Count - 1; i >= 0 && newest.Count < limit; i--)
        {
            var entry = oldestFirst[i];
            if (entry.Time >= from && entry.Time < to)
            {
                newest.Add(entry);
            }
        }
    }

    private IAuditPageGrain Page(int page) => GrainFactory.GetGrain<IAuditPageGrain>(IAuditPageGrain.KeyFor(this.GetPrimaryKeyString(), page));
}
