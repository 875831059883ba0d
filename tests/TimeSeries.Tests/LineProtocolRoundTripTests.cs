using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.LineProtocol;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>What the encoder writes, a real influxd stores and returns exactly; what it refuses, it refuses with a reason.</summary>
[Collection(InfluxCollection.Name)]
public sealed class LineProtocolRoundTripTests(InfluxFixture fixture) : IAsyncLifetime
{
    private readonly string _database = "lp_" + Guid.NewGuid().ToString("N")[..8];
    private InfluxClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = new InfluxClient(new HttpClient(), new InfluxOptions { Url = fixture.Server.BaseUri, Database = _database });
        (await _client.CommandAsync($"CREATE DATABASE \"{_database}\"", TestContext.Current.CancellationToken)).Dispose();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("a,b=c d")]
    [InlineData("quote\"inside")]
    [InlineData("back\\slash")]
    [InlineData("unicode µg/m³ 🚌 Zürich")]
    [InlineData("Stop name <> # & 'apostrophe'")]
    [InlineData("=leading equals")]
    public async Task Hostile_tag_and_string_values_round_trip_exactly(string value)
    {
        var ct = TestContext.Current.CancellationToken;
        var buffer = new ArrayBufferWriter<byte>();
        LinePoint.Start(buffer, "air quality,v1").Tag("asset", value).Field("note", value).Field("no2", 28.5).End(1_557_219_600_000);
        await _client.WriteAsync(buffer.WrittenMemory, ct);

        using var result = await _client.QueryAsync("SELECT \"note\", \"no2\", \"asset\" FROM \"air quality,v1\" WHERE \"asset\" = $asset", new Dictionary<string, object> { ["asset"] = value }, ct);
        var row = result.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0];

        Assert.Equal(1_557_219_600_000, row[0].GetInt64());
        Assert.Equal(value, row[1].GetString());
        Assert.Equal(28.5, row[2].GetDouble());
        Assert.Equal(value, row[3].GetString());
    }

    [Fact]
    public async Task Very_long_tag_value_round_trips()
    {
        var value = new string('x', 10_000);
        var buffer = new ArrayBufferWriter<byte>();
        LinePoint.Start(buffer, "m").Tag("asset", value).Field("v", 1.0).End(1);
        await _client.WriteAsync(buffer.WrittenMemory, TestContext.Current.CancellationToken);

        using var result = await _client.QueryAsync("SELECT count(\"v\") FROM \"m\" WHERE \"asset\" = $asset", new Dictionary<string, object> { ["asset"] = value }, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0][1].GetInt32());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_field_is_refused(double value)
    {
        var error = Assert.Throws<LineProtocolException>(() => LinePoint.Start(new ArrayBufferWriter<byte>(), "m").Field("v", value).End(1));
        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "v", "tag value is empty")]
    [InlineData("a\nb", "v", "line break")]
    [InlineData("a\r", "v", "line break")]
    [InlineData("ends\\", "v", "backslash")]
    public void Invalid_tag_values_are_refused_with_the_reason(string tagValue, string field, string reason)
    {
        var error = Assert.Throws<LineProtocolException>(() => LinePoint.Start(new ArrayBufferWriter<byte>(), "m").Tag("t", tagValue).Field(field, 1.0).End(1));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Point_without_fields_is_refused()
    {
        Assert.Throws<LineProtocolException>(() => LinePoint.Start(new ArrayBufferWriter<byte>(), "m").Tag("t", "v").End(1));
    }

    [Fact]
    public void Line_is_written_exactly_as_influxdb_expects()
    {
        var buffer = new ArrayBufferWriter<byte>();
        LinePoint.Start(buffer, "air quality").Tag("asset", "aq,01 x=1").Field("v", 1234.5).Field("n", 7L).Field("ok", true).Field("s", "say \"hi\" \\o/").End(1_557_219_600_000);

        Assert.Equal("air\\ quality,asset=aq\\,01\\ x\\=1 v=1234.5,n=7i,ok=true,s=\"say \\\"hi\\\" \\\\o/\" 1557219600000\n", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// Any string either round-trips through influxd as a tag value and a string field, or is
    /// refused by the encoder with a reason; never silently altered or rejected by the server.
    /// </summary>
    [Fact]
    public async Task Any_string_round_trips_or_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var samples = Gen.Sample(ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get), 300, 40)
            .Concat(["\\,", "a\\ b", "\\\\", "\\=x", "\" ,=\\", "tab\tx", "\0nul"])
            .ToList();
        var accepted = new List<(string Value, int Index)>();
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < samples.Count; i++)
        {
            var lineStart = buffer.WrittenCount;
            try
            {
                LinePoint.Start(buffer, "prop").Tag("k", samples[i]).Field("s", samples[i]).Field("i", (long)i).End(1_557_219_600_000 + i);
                accepted.Add((samples[i], i));
            }
            catch (LineProtocolException ex)
            {
                // Refused with a reason, which must be one InfluxDB would have given.
                var value = samples[i];
                var explained = value.Length == 0 || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
                    || value.EndsWith('\\') || ex.Message.Contains("Unicode", StringComparison.Ordinal);
                Assert.True(explained, $"'{value}' refused without cause: {ex.Message}");

                // roll the partial line back
                var kept = buffer.WrittenSpan[..lineStart].ToArray();
                buffer.Clear();
                buffer.Write(kept);
            }
        }

        await _client.WriteAsync(buffer.WrittenMemory, ct);
        using var result = await _client.QueryAsync("SELECT \"s\", \"i\", \"k\" FROM \"prop\"", new Dictionary<string, object>(), ct);
        var rows = result.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values").EnumerateArray()
            .ToDictionary(r => r[2].GetInt64(), r => (Field: r[1].GetString(), Tag: r[3].GetString()));

        Assert.True(accepted.Count >= 100, $"only {accepted.Count} of {samples.Count} strings accepted: the property was hardly exercised");
        foreach (var (value, index) in accepted)
        {
            Assert.True(rows.TryGetValue(index, out var row), $"accepted string #{index} '{value}' was not stored");
            Assert.True(row.Field == value, $"string field #{index}: wrote '{value}', read '{row.Field}'");
            Assert.True(row.Tag == value, $"tag #{index}: wrote '{value}', read '{row.Tag}'");
        }
    }
}
