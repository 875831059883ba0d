namespace UrbanTwin.TestSupport.Durability;

/// <summary>
/// What a <see cref="CrashLoop"/> found after its last restart: readings acknowledged, acknowledged
/// readings missing from history, readings stored twice, and twins that disagree with their
/// history (accepted counter, latest reading time). Every figure but the first must be zero.
/// </summary>
public sealed record CrashLoopReport(string Store, int Kills, long Acknowledged, long Stored, long Lost, long StoredTwice, IReadOnlyList<string> TwinMismatches, TimeSpan Elapsed)
{
    public bool Kept => Lost == 0 && StoredTwice == 0 && TwinMismatches.Count == 0;

    public override string ToString() =>
        $"{Store}: {Kills} kills, {Acknowledged:N0} readings acknowledged, {Stored:N0} stored, {Lost:N0} lost, {StoredTwice:N0} stored twice, {TwinMismatches.Count} twins disagreeing with history{(TwinMismatches.Count > 0 ? ": " + string.Join("; ", TwinMismatches) : "")}";
}
