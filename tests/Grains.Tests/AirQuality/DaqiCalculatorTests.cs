using UrbanTwin.Grains.AirQuality;

namespace UrbanTwin.Grains.Tests.AirQuality;

public sealed class DaqiCalculatorTests
{
    // Defra/COMEAP 2011, µg/m³: the upper ends of indices 1 to 9; index 10 starts one above the last.
    private static readonly Dictionary<DaqiPollutant, int[]> PublishedUpperEnds = new()
    {
        [DaqiPollutant.Pm25] = [11, 23, 35, 41, 47, 53, 58, 64, 70],
        [DaqiPollutant.Pm10] = [16, 33, 50, 58, 66, 75, 83, 91, 100],
        [DaqiPollutant.No2] = [67, 134, 200, 267, 334, 400, 467, 534, 600],
        [DaqiPollutant.O3] = [33, 66, 100, 120, 140, 160, 187, 213, 240],
    };

    /// <summary>Both sides of every edge, as whole numbers and as the rounding midpoint either side.</summary>
    public static TheoryData<DaqiPollutant, double, int> BandEdges()
    {
        var data = new TheoryData<DaqiPollutant, double, int>();
        foreach (var (pollutant, upperEnds) in PublishedUpperEnds)
        {
            for (var i = 0; i < upperEnds.Length; i++)
            {
                var below = i + 1;
                data.Add(pollutant, upperEnds[i], below);
                data.Add(pollutant, upperEnds[i] + 0.4, below);
                data.Add(pollutant, upperEnds[i] + 0.5, below + 1);
                data.Add(pollutant, upperEnds[i] + 1, below + 1);
            }
        }

        return data;
    }

    public static TheoryData<DaqiPollutant> Pollutants() => new(Enum.GetValues<DaqiPollutant>());

    [Theory]
    [MemberData(nameof(BandEdges))]
    public void Index_at_band_edge_is_exact(DaqiPollutant pollutant, double concentration, int expected)
    {
        Assert.Equal(expected, DaqiCalculator.Index(pollutant, concentration));
    }

    [Theory]
    [MemberData(nameof(Pollutants))]
    public void Index_of_zero_is_1(DaqiPollutant pollutant)
    {
        Assert.Equal(1, DaqiCalculator.Index(pollutant, 0));
    }

    [Theory]
    [InlineData(DaqiPollutant.Pm25, 500)]
    [InlineData(DaqiPollutant.Pm10, 2000)]
    [InlineData(DaqiPollutant.No2, 2000)]
    [InlineData(DaqiPollutant.O3, 1000)]
    public void Index_far_above_the_table_is_10(DaqiPollutant pollutant, double concentration)
    {
        Assert.Equal(10, DaqiCalculator.Index(pollutant, concentration));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-0.4)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    public void Index_rejects_a_concentration_that_is_negative_or_not_finite(double concentration)
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => DaqiCalculator.Index(DaqiPollutant.Pm25, concentration));
        Assert.Equal("concentration", thrown.ParamName);
    }

    [Fact]
    public void Index_rejects_an_undefined_pollutant()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DaqiCalculator.Index((DaqiPollutant)4, 10));
    }

    [Theory]
    [MemberData(nameof(Pollutants))]
    public void Breakpoints_are_the_published_table(DaqiPollutant pollutant)
    {
        var upperEnds = PublishedUpperEnds[pollutant];
        var expected = new List<DaqiBreakpoint> { new(1, 0, upperEnds[0]) };
        for (var i = 1; i < upperEnds.Length; i++)
        {
            expected.Add(new DaqiBreakpoint(i + 1, upperEnds[i - 1] + 1, upperEnds[i]));
        }

        expected.Add(new DaqiBreakpoint(10, upperEnds[^1] + 1, null));

        Assert.Equal(expected, DaqiCalculator.Breakpoints(pollutant));
    }

    [Fact]
    public void Breakpoints_cannot_be_modified_through_the_returned_list()
    {
        var breakpoints = Assert.IsAssignableFrom<IList<DaqiBreakpoint>>(DaqiCalculator.Breakpoints(DaqiPollutant.No2));

        Assert.True(breakpoints.IsReadOnly, "Breakpoints(No2) returned a list that accepts writes");
    }

    [Theory]
    [InlineData(1, DaqiBand.Low)]
    [InlineData(2, DaqiBand.Low)]
    [InlineData(3, DaqiBand.Low)]
    [InlineData(4, DaqiBand.Moderate)]
    [InlineData(5, DaqiBand.Moderate)]
    [InlineData(6, DaqiBand.Moderate)]
    [InlineData(7, DaqiBand.High)]
    [InlineData(8, DaqiBand.High)]
    [InlineData(9, DaqiBand.High)]
    [InlineData(10, DaqiBand.VeryHigh)]
    public void BandOf_follows_the_published_bands(int index, DaqiBand expected)
    {
        Assert.Equal(expected, DaqiCalculator.BandOf(index));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-1)]
    public void BandOf_rejects_an_index_outside_1_to_10(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DaqiCalculator.BandOf(index));
    }
}
