using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// A key twice in one object is malformed JSON wherever the object is, also inside values the
/// decoder skips (an unknown field, a nested value), which it checks after reading: in time that
/// grows with the payload, not with the square of its nesting depth.
/// </summary>
public sealed class DuplicateKeyTests
{
    private const string Reading = "\"seq\":1,\"ts\":1557219600000,\"no2\":1";

    private readonly PayloadDecoder _decoder = new();

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"\\ud83d\\ude8c\":1,\"🚌\":2}")]
    [InlineData("{\"a\":{\"b\":1},\"c\":[{\"d\":1}],\"a\":2}")]
    [InlineData("[{\"b\":1},{\"b\":1,\"c\":2,\"b\":3}]")]
    [InlineData("{\"x\":{\"x\":{\"x\":{\"y\":1,\"y\":1}}}}")]
    public void A_key_twice_in_one_skipped_object_is_malformed_json(string unknownValue)
    {
        var error = Assert.Single(Decode("{" + Reading + ",\"extra\":" + unknownValue + "}").Errors);

        Assert.Equal((ErrorCode.MalformedJson, "$"), (error.Code, error.Path));
        Assert.Contains("duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"a\":1},{\"a\":2}]")]
    [InlineData("{\"a\":{\"a\":{\"a\":1}}}")]
    [InlineData("{\"a\":1,\"A\":2,\"a \":3,\"\\u0062\":4,\"ab\":5}")]
    [InlineData("{\"\\ud83d\\ude8c\":1,\"\\ud83d\\ude8d\":2}")]
    public void The_same_key_in_different_objects_is_not_a_duplicate(string unknownValue)
    {
        var error = Assert.Single(Decode("{" + Reading + ",\"extra\":" + unknownValue + "}").Errors);

        Assert.Equal((ErrorCode.SchemaViolation, "$.extra"), (error.Code, error.Path));
    }

    [Fact]
    public void One_duplicate_among_five_thousand_keys_is_found()
    {
        var keys = new StringBuilder("{");
        for (var i = 0; i < 5_000; i++)
        {
            keys.Append(CultureInfo.InvariantCulture, $"\"k{i}\":0,");
        }

        var error = Assert.Single(Decode("{" + Reading + ",\"extra\":" + keys.Append("\"k7\":1}") + "}").Errors);

        Assert.Equal(ErrorCode.MalformedJson, error.Code);
        Assert.Contains("'k7'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checking_deep_nesting_for_duplicate_keys_takes_time_linear_in_its_size()
    {
        // The same 64 KB as 32,000 levels of nesting and as 16,000 arrays side by side. Checked
        // with System.Text.Json's JsonDocument, the deep one took 0.65 to 1.5 s, 300 times the wide one.
        var deep = Encoding.UTF8.GetBytes("[" + new string('[', 32_000) + new string(']', 32_000) + "]");
        var wide = Encoding.UTF8.GetBytes("[" + string.Concat(Enumerable.Repeat("[],", 16_000)) + "[]]");

        var deepTime = FastestOfFive(deep);
        var wideTime = FastestOfFive(wide);

        Assert.True(
            deepTime <= TimeSpan.FromMilliseconds(50) || deepTime <= wideTime * 20,
            $"deep {deepTime.TotalMilliseconds:F1} ms, wide {wideTime.TotalMilliseconds:F1} ms");
    }

    private TimeSpan FastestOfFive(byte[] payload)
    {
        var fastest = TimeSpan.MaxValue;
        var result = new DecodeResult();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _decoder.Decode(ContractSchemas.AirQualityTelemetry, new ReadOnlySequence<byte>(payload), 1_557_219_630_000, result);
            var elapsed = Stopwatch.GetElapsedTime(started);
            fastest = elapsed < fastest ? elapsed : fastest;
            Assert.Equal(ErrorCode.SchemaViolation, result.Errors[0].Code);
        }

        return fastest;
    }

    private DecodeResult Decode(string payload)
    {
        var result = new DecodeResult();
        _decoder.Decode(ContractSchemas.AirQualityTelemetry, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), 1_557_219_630_000, result);
        return result;
    }
}
