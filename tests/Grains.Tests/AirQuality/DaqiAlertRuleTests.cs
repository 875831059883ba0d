using UrbanTwin.Grains.AirQuality;

namespace UrbanTwin.Grains.Tests.AirQuality;

public sealed class DaqiAlertRuleTests
{
    [Theory]
    [InlineData(DaqiBand.Low, DaqiBand.High)]
    [InlineData(DaqiBand.Moderate, DaqiBand.High)]
    [InlineData(DaqiBand.Moderate, DaqiBand.VeryHigh)]
    [InlineData(null, DaqiBand.High)]
    [InlineData(null, DaqiBand.VeryHigh)]
    [InlineData(DaqiBand.High, DaqiBand.VeryHigh)]
    public void Rise_to_high_or_above_raises(DaqiBand? previous, DaqiBand current)
    {
        Assert.Equal(DaqiAlertAction.Raise, DaqiAlertRule.Evaluate(previous, current));
    }

    [Theory]
    [InlineData(DaqiBand.High, DaqiBand.Moderate)]
    [InlineData(DaqiBand.High, DaqiBand.Low)]
    [InlineData(DaqiBand.VeryHigh, DaqiBand.Moderate)]
    public void Fall_below_high_clears(DaqiBand previous, DaqiBand current)
    {
        Assert.Equal(DaqiAlertAction.Clear, DaqiAlertRule.Evaluate(previous, current));
    }

    [Theory]
    [InlineData(DaqiBand.High, DaqiBand.High)]
    [InlineData(DaqiBand.VeryHigh, DaqiBand.VeryHigh)]
    [InlineData(DaqiBand.VeryHigh, DaqiBand.High)]
    public void Staying_high_or_above_does_nothing(DaqiBand previous, DaqiBand current)
    {
        Assert.Equal(DaqiAlertAction.None, DaqiAlertRule.Evaluate(previous, current));
    }

    [Theory]
    [InlineData(DaqiBand.Low, DaqiBand.Moderate)]
    [InlineData(DaqiBand.Moderate, DaqiBand.Low)]
    [InlineData(DaqiBand.Low, DaqiBand.Low)]
    [InlineData(null, DaqiBand.Moderate)]
    [InlineData(DaqiBand.Moderate, null)]
    [InlineData(null, null)]
    public void Changes_below_high_do_nothing(DaqiBand? previous, DaqiBand? current)
    {
        Assert.Equal(DaqiAlertAction.None, DaqiAlertRule.Evaluate(previous, current));
    }

    [Theory]
    [InlineData(DaqiBand.High)]
    [InlineData(DaqiBand.VeryHigh)]
    public void Losing_data_while_high_keeps_the_alert(DaqiBand previous)
    {
        Assert.Equal(DaqiAlertAction.None, DaqiAlertRule.Evaluate(previous, null));
    }
}
