using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.BusPriority;

namespace UrbanTwin.Grains.Tests.BusPriority;

/// <summary>A junction's own policy settings over the node's configuration, and their bounds.</summary>
public sealed class JunctionPolicyTests
{
    [Fact]
    public void Without_settings_of_its_own_a_junction_follows_the_configuration()
    {
        var defaults = new PriorityPolicyOptions();

        Assert.Same(defaults, JunctionPolicy.Effective(defaults, null));
        Assert.Same(defaults, JunctionPolicy.Effective(defaults, PriorityPolicySettings.None));
    }

    [Fact]
    public void Each_setting_of_its_own_replaces_that_setting_only()
    {
        var defaults = new PriorityPolicyOptions { ExtendGreenSeconds = 12 };

        var effective = JunctionPolicy.Effective(defaults, new PriorityPolicySettings(20, null, 45, null));

        Assert.Equal(TimeSpan.FromSeconds(20), effective.LateThreshold);
        Assert.Equal(TimeSpan.FromSeconds(45), effective.InhibitWindow);
        Assert.Equal(defaults.CongestionOccupancy, effective.CongestionOccupancy);
        Assert.Equal(defaults.MaxGrantsPerHour, effective.MaxGrantsPerHour);
        Assert.Equal(12, effective.ExtendGreenSeconds);
        Assert.Equal(new PriorityPolicySettings(20, 70, 45, 12), JunctionPolicy.Report(effective));
    }

    [Fact]
    public void A_junction_with_a_lower_late_threshold_grants_a_bus_the_configuration_would_deny()
    {
        var defaults = new PriorityPolicyOptions();
        var request = new PriorityRequest(1, 1_000_000, "LX11ABC", "24", Approach.North, EtaSeconds: 30, LateSeconds: 30);

        var byConfiguration = new PriorityPolicy(defaults).Decide(request, null, 1_000_000);
        var byJunction = new PriorityPolicy(JunctionPolicy.Effective(defaults, new PriorityPolicySettings(20, null, null, null))).Decide(request, null, 1_000_000);

        Assert.Equal(PriorityOutcome.Denied, byConfiguration.Decision);
        Assert.Equal(PriorityOutcome.Granted, byJunction.Decision);
    }

    [Theory]
    [InlineData(-1.0, null, null, null, "lateThreshold")]
    [InlineData(3601.0, null, null, null, "lateThreshold")]
    [InlineData(null, 100.5, null, null, "congestionOccupancy")]
    [InlineData(null, -0.1, null, null, "congestionOccupancy")]
    [InlineData(null, null, 3600.5, null, "inhibitWindow")]
    [InlineData(null, null, null, 0, "maxGrantsPerHour")]
    [InlineData(null, null, null, 3601, "maxGrantsPerHour")]
    public void A_setting_out_of_the_configurations_bounds_is_named(double? late, double? occupancy, double? inhibit, int? grants, string named)
    {
        Assert.Contains(named, new PriorityPolicySettings(late, occupancy, inhibit, grants).Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_within_bounds_have_no_problem()
    {
        Assert.Null(new PriorityPolicySettings(0, 100, 3600, 1).Problem());
        Assert.Null(PriorityPolicySettings.None.Problem());
    }
}
