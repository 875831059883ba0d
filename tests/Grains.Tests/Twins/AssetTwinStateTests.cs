using UrbanTwin.Grains.Twins;

namespace UrbanTwin.Grains.Tests.Twins;

public sealed class AssetTwinStateTests
{
    [Fact]
    public void A_new_twin_holds_nothing_it_does_not_use_yet()
    {
        var twin = new AssetTwinState();

        Assert.Null(twin.ActiveAlerts);
        Assert.Null(twin.Means);
        Assert.Null(twin.Footfall);
        Assert.Null(twin.PriorityStatistics);
        Assert.Null(twin.RecentDecisions);
        Assert.Null(twin.AppliedJournals);
    }

    [Fact]
    public void Each_journal_has_its_own_mark_which_moves_forward()
    {
        var twin = new AssetTwinState();

        twin.MarkApplied("node-a", 4);
        twin.MarkApplied("node-b", 9);
        twin.MarkApplied("node-a", 5);

        Assert.Equal([new JournalMark("node-a", 5), new JournalMark("node-b", 9)], twin.AppliedJournals!);
        Assert.True(twin.TryGetApplied("node-b", out var lsn) && lsn == 9, $"node-b: {lsn}");
        Assert.False(twin.TryGetApplied("node-c", out _));
    }

    [Fact]
    public void A_journal_id_is_kept_as_one_copy_shared_by_every_twin()
    {
        var first = new AssetTwinState();
        var second = new AssetTwinState();

        // As a grain call delivers it: a new string each time.
        first.MarkApplied(new string("node-7f3a".AsSpan()), 1);
        second.MarkApplied(new string("node-7f3a".AsSpan()), 1);

        Assert.Same(first.AppliedJournals![0].JournalId, second.AppliedJournals![0].JournalId);
    }
}
