using System.Buffers;
using System.Text;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// Nesting as deep as 64 KiB allows (over 30,000 levels) is decoded on a thread with a 256 KiB
/// stack, where anything recursing per level would overflow and take the process down. The
/// decoder's reader allows 70,000 levels, beyond what fits in the size limit, so depth is never
/// the reader's error: a nested value is a schema violation at its field, like any wrong type.
/// The duplicate-key check over skipped keys walks the same depth.
/// </summary>
public sealed class DeepNestingTests
{
    private const int SmallStack = 256 * 1024;
    private const string Reading = "\"seq\":1,\"ts\":1557219600000,\"no2\":1";

    public static TheoryData<string, string, string, string> Shapes => new()
    {
        { "arrays as a backlog element", "[" + Arrays(32_000) + "]", "schema-violation", "$[0]" },
        { "arrays as a measurement", "{" + Reading.Replace("\"no2\":1", "\"no2\":" + Arrays(32_000), StringComparison.Ordinal) + "}", "schema-violation", "$.no2" },
        { "objects in an unknown field", "{" + Reading + ",\"x\":" + Objects(10_600, "1") + "}", "schema-violation", "$.x" },
        { "a duplicate key at the bottom", "{" + Reading + ",\"x\":" + Objects(10_600, "{\"a\":1,\"a\":2}") + "}", "malformed-json", "$" },
        { "arrays in a reading of a backlog", "[{" + Reading + ",\"x\":" + Arrays(32_000) + "}]", "schema-violation", "$[0].x" },
        { "arrays never closed", new string('[', 65_000), "malformed-json", "$" },
        { "objects never closed", string.Concat(Enumerable.Repeat("{\"a\":", 13_000)), "malformed-json", "$" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Nesting_as_deep_as_the_size_limit_allows_is_decoded_on_a_small_stack(string shape, string payload, string code, string path)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        Assert.True(bytes.Length <= DecoderOptions.Default.MaxPayloadBytes, $"{shape}: {bytes.Length} bytes");
        var result = new DecodeResult();
        Exception? failure = null;

        var thread = new Thread(
            () =>
            {
                try
                {
                    new PayloadDecoder().Decode(ContractSchemas.AirQualityTelemetry, new ReadOnlySequence<byte>(bytes), 1_557_219_630_000, result);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            SmallStack);
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        var error = Assert.Single(result.Errors);
        Assert.Equal((code, path), (error.Code.ToWire(), error.Path));
    }

    private static string Arrays(int depth) => new string('[', depth) + new string(']', depth);

    private static string Objects(int depth, string innermost) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth)) + innermost + new string('}', depth);
}
