using System.ComponentModel.DataAnnotations;
using UrbanTwin.Grains.BusPriority;

namespace UrbanTwin.Grains.Tests.BusPriority;

public sealed class PriorityPolicyOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_policy_and_valid()
    {
        var options = new PriorityPolicyOptions();

        Assert.Equal(TimeSpan.FromSeconds(60), options.LateThreshold);
        Assert.Equal(70, options.CongestionOccupancy);
        Assert.Equal(TimeSpan.FromSeconds(90), options.InhibitWindow);
        Assert.Equal(12, options.MaxGrantsPerHour);
        Assert.Equal(TimeSpan.FromSeconds(15), options.ExtendGreenEta);
        Assert.Equal(10, options.ExtendGreenSeconds);
        Assert.Equal(8, options.EarlyGreenSeconds);
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Values_the_contract_cannot_carry_are_invalid()
    {
        Assert.Contains(nameof(PriorityPolicyOptions.ExtendGreenSeconds), Validate(new PriorityPolicyOptions { ExtendGreenSeconds = 61 }));
        Assert.Contains(nameof(PriorityPolicyOptions.EarlyGreenSeconds), Validate(new PriorityPolicyOptions { EarlyGreenSeconds = -1 }));
        Assert.Contains(nameof(PriorityPolicyOptions.CongestionOccupancy), Validate(new PriorityPolicyOptions { CongestionOccupancy = 101 }));
        Assert.Contains(nameof(PriorityPolicyOptions.InhibitWindow), Validate(new PriorityPolicyOptions { InhibitWindow = TimeSpan.FromSeconds(-1) }));
        Assert.Contains(nameof(PriorityPolicyOptions.MaxGrantsPerHour), Validate(new PriorityPolicyOptions { MaxGrantsPerHour = 0 }));
    }

    private static List<string> Validate(PriorityPolicyOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.SelectMany(r => r.MemberNames).ToList();
    }
}
