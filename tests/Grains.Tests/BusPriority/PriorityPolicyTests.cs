using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.BusPriority;

namespace UrbanTwin.Grains.Tests.BusPriority;

public sealed class PriorityPolicyTests
{
    private const long Now = 1_557_219_600_000;
    private const long Minute = 60_000;
    private const double Quiet = 20;

    [Fact]
    public void Late_bus_is_granted()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: 120, seq: 17), Quiet, Now);

        Assert.Equal(new PriorityDecision(17, PriorityOutcome.Granted, PriorityAction.ExtendGreen, 10, "late", Now), decision);
        Assert.Equal(Now, policy.State.LastGrantMs);
        Assert.Equal([Now], policy.State.GrantTimesMs);
    }

    [Fact]
    public void Early_bus_is_denied_as_on_time()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: -240), Quiet, Now);

        Assert.Equal(PriorityOutcome.Denied, decision.Decision);
        Assert.Equal(PriorityReasons.OnTime, decision.Reason);
        Assert.Equal(0, decision.Seconds);
        Assert.Null(policy.State.LastGrantMs);
    }

    [Theory]
    [InlineData(59.9, PriorityOutcome.Denied, "on-time")]
    [InlineData(60, PriorityOutcome.Denied, "on-time")]
    [InlineData(60.001, PriorityOutcome.Granted, "late")]
    public void Lateness_must_exceed_the_threshold(double lateSeconds, PriorityOutcome outcome, string reason)
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds), Quiet, Now);

        Assert.Equal(outcome, decision.Decision);
        Assert.Equal(reason, decision.Reason);
    }

    [Theory]
    [InlineData(70.5, PriorityOutcome.Granted, "congested")]
    [InlineData(100, PriorityOutcome.Granted, "congested")]
    [InlineData(70, PriorityOutcome.Denied, "on-time")]
    [InlineData(0, PriorityOutcome.Denied, "on-time")]
    public void Congested_junction_grants_an_on_time_bus(double occupancy, PriorityOutcome outcome, string reason)
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: 0), occupancy, Now);

        Assert.Equal(outcome, decision.Decision);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Unknown_occupancy_is_not_congestion()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: 0), occupancy: null, Now);

        Assert.Equal(PriorityOutcome.Denied, decision.Decision);
        Assert.Equal(PriorityReasons.OnTime, decision.Reason);
    }

    [Fact]
    public void Unknown_occupancy_does_not_stop_a_late_bus()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: 300), occupancy: null, Now);

        Assert.Equal(PriorityReasons.Late, decision.Reason);
    }

    [Fact]
    public void Late_bus_at_a_congested_junction_is_granted_for_lateness()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: 300), occupancy: 95, Now);

        Assert.Equal(PriorityReasons.Late, decision.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(89_999)]
    [InlineData(90_000)]
    public void Request_within_the_inhibit_window_is_denied(long sinceGrantMs)
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());
        policy.Decide(Request(lateSeconds: 300), Quiet, Now);

        var decision = policy.Decide(Request(lateSeconds: 300), occupancy: 95, Now + sinceGrantMs);

        Assert.Equal(PriorityOutcome.Denied, decision.Decision);
        Assert.Equal(PriorityReasons.Inhibited, decision.Reason);
        Assert.Equal(0, decision.Seconds);
        Assert.Equal(Now, policy.State.LastGrantMs);
    }

    [Fact]
    public void Request_just_after_the_inhibit_window_is_granted()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());
        policy.Decide(Request(lateSeconds: 300), Quiet, Now);

        var decision = policy.Decide(Request(lateSeconds: 300), Quiet, Now + 90_001);

        Assert.Equal(PriorityOutcome.Granted, decision.Decision);
        Assert.Equal(Now + 90_001, policy.State.LastGrantMs);
    }

    [Fact]
    public void Denial_does_not_start_an_inhibit_window()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());
        policy.Decide(Request(lateSeconds: 0), Quiet, Now);

        var decision = policy.Decide(Request(lateSeconds: 300), Quiet, Now + 1_000);

        Assert.Equal(PriorityOutcome.Granted, decision.Decision);
    }

    [Fact]
    public void Hourly_cap_denies_the_13th_grant_until_the_oldest_is_more_than_60_minutes_old()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(PriorityOutcome.Granted, policy.Decide(Request(lateSeconds: 300), Quiet, Now + (i * 5 * Minute)).Decision);
        }

        var capped = policy.Decide(Request(lateSeconds: 300), Quiet, Now + (57 * Minute));
        var atSixtyMinutes = policy.Decide(Request(lateSeconds: 300), Quiet, Now + (60 * Minute));
        var afterSixtyMinutes = policy.Decide(Request(lateSeconds: 300), Quiet, Now + (60 * Minute) + 1);

        Assert.Equal((PriorityOutcome.Denied, PriorityReasons.HourlyCap), (capped.Decision, capped.Reason));
        Assert.Equal((PriorityOutcome.Denied, PriorityReasons.HourlyCap), (atSixtyMinutes.Decision, atSixtyMinutes.Reason));
        Assert.Equal((PriorityOutcome.Granted, PriorityReasons.Late), (afterSixtyMinutes.Decision, afterSixtyMinutes.Reason));
        Assert.Equal(12, policy.State.GrantTimesMs.Count);
        Assert.Equal(Now + (5 * Minute), policy.State.GrantTimesMs[0]);
    }

    [Fact]
    public void Inhibit_is_checked_before_the_hourly_cap()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions { MaxGrantsPerHour = 1 });
        policy.Decide(Request(lateSeconds: 300), Quiet, Now);

        Assert.Equal(PriorityReasons.Inhibited, policy.Decide(Request(lateSeconds: 300), Quiet, Now + 1_000).Reason);
        Assert.Equal(PriorityReasons.HourlyCap, policy.Decide(Request(lateSeconds: 300), Quiet, Now + (2 * Minute)).Reason);
    }

    [Theory]
    [InlineData(0, PriorityAction.ExtendGreen, 10)]
    [InlineData(15, PriorityAction.ExtendGreen, 10)]
    [InlineData(15.5, PriorityAction.EarlyGreen, 8)]
    [InlineData(600, PriorityAction.EarlyGreen, 8)]
    public void Action_follows_the_eta(double etaSeconds, PriorityAction action, int seconds)
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: 300, etaSeconds: etaSeconds), Quiet, Now);

        Assert.Equal(action, decision.Action);
        Assert.Equal(seconds, decision.Seconds);
    }

    [Theory]
    [InlineData(10, PriorityAction.ExtendGreen)]
    [InlineData(30, PriorityAction.EarlyGreen)]
    public void Denial_carries_the_action_the_bus_would_have_had(double etaSeconds, PriorityAction action)
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: 0, etaSeconds: etaSeconds), Quiet, Now);

        Assert.Equal(PriorityOutcome.Denied, decision.Decision);
        Assert.Equal(action, decision.Action);
        Assert.Equal(0, decision.Seconds);
    }

    [Fact]
    public void Options_set_the_thresholds_and_the_seconds()
    {
        var options = new PriorityPolicyOptions
        {
            LateThreshold = TimeSpan.FromSeconds(30),
            CongestionOccupancy = 50,
            InhibitWindow = TimeSpan.FromSeconds(10),
            ExtendGreenEta = TimeSpan.FromSeconds(5),
            ExtendGreenSeconds = 20,
            EarlyGreenSeconds = 12,
        };
        var policy = new PriorityPolicy(options);

        var late = policy.Decide(Request(lateSeconds: 31, etaSeconds: 5), Quiet, Now);
        var congested = policy.Decide(Request(lateSeconds: 0, etaSeconds: 6), occupancy: 51, Now + 10_001);

        Assert.Equal((PriorityOutcome.Granted, PriorityAction.ExtendGreen, 20, "late"), (late.Decision, late.Action, late.Seconds, late.Reason));
        Assert.Equal((PriorityOutcome.Granted, PriorityAction.EarlyGreen, 12, "congested"), (congested.Decision, congested.Action, congested.Seconds, congested.Reason));
    }

    [Fact]
    public void Persisted_state_keeps_the_inhibit_window_and_the_hourly_cap()
    {
        var options = new PriorityPolicyOptions { MaxGrantsPerHour = 2 };
        var before = new PriorityPolicy(options);
        before.Decide(Request(lateSeconds: 300), Quiet, Now);
        before.Decide(Request(lateSeconds: 300), Quiet, Now + (5 * Minute));

        var after = new PriorityPolicy(options, OrleansRoundTrip.Copy(before.State));

        Assert.Equal(PriorityReasons.Inhibited, after.Decide(Request(lateSeconds: 300), Quiet, Now + (6 * Minute)).Reason);
        Assert.Equal(PriorityReasons.HourlyCap, after.Decide(Request(lateSeconds: 300), Quiet, Now + (10 * Minute)).Reason);
    }

    [Fact]
    public void Decision_answers_the_request_at_the_hub_clock()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions());

        var decision = policy.Decide(Request(lateSeconds: 0, seq: uint.MaxValue), Quiet, Now + 123);

        Assert.Equal(uint.MaxValue, decision.RequestSeq);
        Assert.Equal(Now + 123, decision.DecidedAtMs);
    }

    private static PriorityRequest Request(double lateSeconds, double etaSeconds = 10, uint seq = 1, string route = "38") =>
        new(seq, Now - 2_000, "BX-1042", route, Approach.North, etaSeconds, lateSeconds);
}
