using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Simulator.Generation;

namespace UrbanTwin.Simulator.Tests.Generation;

/// <summary>Bad payloads appear only when asked, and when asked each is rejected by the hub's decoder with its expected code.</summary>
public sealed class BadPayloadTests
{
    [Theory]
    [MemberData(nameof(Fleets.Kinds), MemberType = typeof(Fleets))]
    public void Asked_for_only_bad_payloads_every_telemetry_message_is_rejected_with_its_expected_code(DeviceKind kind)
    {
        var seen = new HashSet<BadPayloadKind>();
        foreach (var generator in Fleets.Generators(kind, 3, new GeneratorOptions { Seed = 3, BadPayloadShare = 1 }))
        {
            foreach (var message in Fleets.Telemetry(generator, Fleets.MayMonday, 100))
            {
                var bad = Assert.NotNull(message.Bad);
                Assert.Null(message.Reading);
                var result = ContractCheck.Decode(generator.Device, message);
                var error = Assert.Single(result.Errors);
                Assert.True(bad.ExpectedError() == error.Code, $"{bad}: expected {bad.ExpectedError()}, got {error.Code} for {ContractCheck.Text(message.Payload)}");
                Assert.Equal(0, result.Readings.Length);
                seen.Add(bad);
            }
        }

        Assert.Equal(BadPayloadKinds.All.ToHashSet(), seen);
    }

    [Fact]
    public void Asked_for_only_bad_payloads_every_priority_request_is_rejected_with_its_expected_code()
    {
        var seen = new HashSet<BadPayloadKind>();
        foreach (var generator in Fleets.Generators(DeviceKind.BusPriority, 3, new GeneratorOptions { Seed = 3, BadPayloadShare = 1 }))
        {
            for (var i = 0; i < 60; i++)
            {
                var message = generator.NextRequest(Fleets.MayMonday.AddMinutes(i).ToUnixTimeMilliseconds());
                var bad = Assert.NotNull(message.Bad);
                var result = ContractCheck.Decode(generator.Device, message);
                var error = Assert.Single(result.Errors);
                Assert.True(bad.ExpectedError() == error.Code, $"{bad}: expected {bad.ExpectedError()}, got {error.Code} for {ContractCheck.Text(message.Payload)}");
                Assert.Null(result.Request);
                seen.Add(bad);
            }
        }

        Assert.Equal(BadPayloadKinds.All.ToHashSet(), seen);
    }

    [Fact]
    public void Each_kind_of_bad_payload_breaks_the_rule_it_is_named_after()
    {
        var expected = new Dictionary<BadPayloadKind, string>
        {
            [BadPayloadKind.Truncated] = "not valid JSON",
            [BadPayloadKind.TrailingComma] = "not valid JSON",
            [BadPayloadKind.NotANumber] = "not valid JSON",
            [BadPayloadKind.UnknownField] = "pm25",
            [BadPayloadKind.NumberAsString] = "no2",
            [BadPayloadKind.MissingSequence] = "seq",
            [BadPayloadKind.ImpossibleValue] = "humidity",
        };
        var generator = Fleets.Generators(DeviceKind.AirQuality, 1, new GeneratorOptions { BadPayloadShare = 1 }).Single();
        var found = new Dictionary<BadPayloadKind, string>();
        foreach (var message in Fleets.Telemetry(generator, Fleets.MayMonday, 200))
        {
            var error = ContractCheck.Decode(generator.Device, message).Errors.Single();
            found.TryAdd(message.Bad!.Value, error.Path + " " + error.Message);
        }

        foreach (var (kind, words) in expected)
        {
            Assert.Contains(words, found[kind], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_share_of_bad_payloads_is_about_that_share_and_none_unless_asked()
    {
        int CountBad(double share) => DeviceKinds.All
            .SelectMany(kind => Fleets.Generators(kind, 2, new GeneratorOptions { BadPayloadShare = share }))
            .SelectMany(generator => Fleets.Telemetry(generator, Fleets.MayMonday, 500))
            .Count(message => message.Bad is not null);

        Assert.Equal(0, CountBad(0));
        Assert.InRange(CountBad(0.1), 200, 400); // of 3,000
    }
}
