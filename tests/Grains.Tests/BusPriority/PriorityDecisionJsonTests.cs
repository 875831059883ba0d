using System.Text;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.BusPriority;

namespace UrbanTwin.Grains.Tests.BusPriority;

public sealed class PriorityDecisionJsonTests
{
    private const long Now = 1_557_219_600_000;

    [Fact]
    public void Granted_decision_is_exactly_the_contract_example()
    {
        var decision = new PriorityDecision(17, PriorityOutcome.Granted, PriorityAction.ExtendGreen, 10, PriorityReasons.Late, Now);

        Assert.Equal(
            """{"requestSeq":17,"decision":"granted","action":"extend-green","seconds":10,"reason":"late"}""",
            Encoding.UTF8.GetString(decision.ToUtf8Json()));
    }

    [Fact]
    public void Denied_decision_names_the_action_with_zero_seconds()
    {
        var decision = new PriorityDecision(4_294_967_295, PriorityOutcome.Denied, PriorityAction.EarlyGreen, 0, PriorityReasons.HourlyCap, Now);

        Assert.Equal(
            """{"requestSeq":4294967295,"decision":"denied","action":"early-green","seconds":0,"reason":"hourly-cap"}""",
            Encoding.UTF8.GetString(decision.ToUtf8Json()));
    }

    [Fact]
    public void Every_decision_the_policy_makes_conforms_to_the_schema()
    {
        var payloads = PolicyDecisions().Select(d => d.ToUtf8Json()).ToList();

        Assert.Equal(
            ["congested", "hourly-cap", "inhibited", "late", "on-time"],
            PolicyDecisions().Select(d => d.Reason).Distinct().Order(StringComparer.Ordinal));
        Assert.All(payloads, payload => Assert.Empty(PriorityDecisionSchema.Violations(payload)));
    }

    [Theory]
    [InlineData("""{"requestSeq":17,"decision":"granted","action":"extend-green","seconds":10,"reason":"late","decidedAt":1}""", "$.decidedAt: not allowed")]
    [InlineData("""{"requestSeq":17,"decision":"granted","action":"extend-green","seconds":10}""", "$.reason: missing")]
    [InlineData("""{"requestSeq":17,"decision":"maybe","action":"extend-green","seconds":10,"reason":"late"}""", "$.decision: \"maybe\" breaks enum")]
    [InlineData("""{"requestSeq":17,"decision":"granted","action":"extend-green","seconds":61,"reason":"late"}""", "$.seconds: 61 breaks maximum")]
    [InlineData("""{"requestSeq":-1,"decision":"granted","action":"extend-green","seconds":10,"reason":"late"}""", "$.requestSeq: -1 breaks minimum")]
    [InlineData("""{"requestSeq":17,"decision":"granted","action":"extend-green","seconds":1.5,"reason":"late"}""", "$.seconds: 1.5 breaks type")]
    [InlineData("""{"requestSeq":17,"decision":"granted","action":"extend-green","seconds":10,"reason":"Late"}""", "$.reason: \"Late\" breaks pattern")]
    public void Schema_check_catches_what_the_schema_forbids(string payload, string expected)
    {
        var violations = PriorityDecisionSchema.Violations(Encoding.UTF8.GetBytes(payload));

        Assert.Contains(violations, v => v.StartsWith(expected, StringComparison.Ordinal));
    }

    /// <summary>One decision for each rule of the policy, at both actions, with the widest sequence numbers.</summary>
    private static IEnumerable<PriorityDecision> PolicyDecisions()
    {
        var policy = new PriorityPolicy(new PriorityPolicyOptions { MaxGrantsPerHour = 2, ExtendGreenSeconds = 60, EarlyGreenSeconds = 0 });
        yield return policy.Decide(Request(0, lateSeconds: -3600, etaSeconds: 0), 10, Now);
        yield return policy.Decide(Request(uint.MaxValue, lateSeconds: 3600, etaSeconds: 0), null, Now);
        yield return policy.Decide(Request(2, lateSeconds: 3600, etaSeconds: 600), 100, Now + 1_000);
        yield return policy.Decide(Request(3, lateSeconds: 0, etaSeconds: 600), 100, Now + 120_000);
        yield return policy.Decide(Request(4, lateSeconds: 3600, etaSeconds: 10), 100, Now + 240_000);
    }

    private static PriorityRequest Request(uint seq, double lateSeconds, double etaSeconds) =>
        new(seq, Now, "BX-1042", "38", Approach.East, etaSeconds, lateSeconds);
}
