using System.Text;
using UrbanTwin.Contracts.Decoding;

namespace UrbanTwin.Contracts.Tests;

public sealed class Rfc3339TimestampTests
{
    [Theory]
    [InlineData("2019-05-07T09:00:00Z", 1_557_219_600_000)]
    [InlineData("2019-05-07t09:00:00z", 1_557_219_600_000)]
    [InlineData("2019-05-07T09:00:00+00:00", 1_557_219_600_000)]
    [InlineData("2019-05-07T09:00:00.5Z", 1_557_219_600_500)]
    [InlineData("2019-05-07T09:00:00.123456789Z", 1_557_219_600_123)]
    [InlineData("1970-01-01T00:00:00Z", 0)]
    [InlineData("2020-02-29T23:59:59.999Z", 1_583_020_799_999)]
    [InlineData("9999-12-31T23:59:59.999Z", 253_402_300_799_999)]
    public void Parses_utc_timestamps_to_epoch_milliseconds(string text, long expected)
    {
        Assert.True(Rfc3339Timestamp.TryParseUtcMilliseconds(Encoding.ASCII.GetBytes(text), out var ms));
        Assert.Equal(expected, ms);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected).UtcDateTime, DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);
    }

    [Theory]
    [InlineData("2019-05-07T09:00:00")]
    [InlineData("2019-05-07T09:00:00+01:00")]
    [InlineData("2019-05-07T09:00:00-00:00")]
    [InlineData("2019-05-07 09:00:00Z")]
    [InlineData("2019-02-29T00:00:00Z")]
    [InlineData("2019-13-01T00:00:00Z")]
    [InlineData("2019-05-07T24:00:00Z")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2019-05-07T09:00:00.Z")]
    [InlineData("2019-05-07T09:00:00.1234567890Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2019-5-7T09:00:00Z")]
    [InlineData("１９１９-05-07T09:00:00Z")]
    public void Refuses_anything_that_is_not_an_rfc3339_utc_timestamp(string text)
    {
        Assert.False(Rfc3339Timestamp.TryParseUtcMilliseconds(Encoding.UTF8.GetBytes(text), out _));
    }
}
