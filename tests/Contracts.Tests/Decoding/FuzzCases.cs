using System.Text;
using FsCheck;
using FsCheck.Fluent;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// The decoder inputs FsCheck draws: random payloads for every message schema (empty, random
/// bytes up to a bit over 64 KiB, random UTF-8 text, soups of hostile fragments, near-valid JSON,
/// one piece repeated to the size limit), and every valid golden vector mutated.
/// </summary>
public static class FuzzCases
{
    /// <summary>2019-05-07T09:00:30Z, the clock most vectors use.</summary>
    public const long ReceivedAtMs = 1_557_219_630_000;

    private static readonly FuzzCase[] ValidVectors =
    [
        .. ContractVector.AllRelativePaths()
            .Select(ContractVector.Load)
            .Where(v => v.IsValid)
            .Select(v => new FuzzCase(v.RelativePath, SchemaOf(v.Topic), v.Payload, v.ReceivedAtMs, 0)),
    ];

    private static readonly Gen<int> Seeds = Gen.Choose(0, int.MaxValue);

    private static readonly Gen<int> SegmentSizes = Gen.Choose(1, 64);

    public static Arbitrary<FuzzCase> RandomPayloads { get; } = Arb.From(
        from strategy in Gen.Frequency((1, Gen.Constant(Strategy.Empty)), (3, Gen.Constant(Strategy.RandomBytes)), (1, Gen.Constant(Strategy.HugeRandomBytes)), (3, Gen.Constant(Strategy.RandomText)), (4, Gen.Constant(Strategy.FragmentSoup)), (6, Gen.Constant(Strategy.NearValidJson)), (2, Gen.Constant(Strategy.Repetition)))
        from schema in Gen.Elements(ContractSchemas.All.ToArray())
        from seed in Seeds
        from segmentSize in SegmentSizes
        select new FuzzCase(strategy.ToString(), schema, Build(strategy, schema, new Random(seed)), ReceivedAtMs, segmentSize));

    public static Arbitrary<FuzzCase> MutatedVectors { get; } = Arb.From(
        from vector in Gen.Elements(ValidVectors)
        from mutations in Gen.Choose(1, 4)
        from seed in Seeds
        from segmentSize in SegmentSizes
        select vector with
        {
            Origin = "mutated " + vector.Origin,
            Payload = PayloadMutator.Mutate(vector.Payload, new Random(seed), mutations),
            SegmentSize = segmentSize,
        });

    public static Arbitrary<FuzzCase> Any { get; } = Arb.From(Gen.OneOf(RandomPayloads.Generator, MutatedVectors.Generator));

    private enum Strategy
    {
        Empty,
        RandomBytes,
        HugeRandomBytes,
        RandomText,
        FragmentSoup,
        NearValidJson,
        Repetition,
    }

    private static byte[] Build(Strategy strategy, MessageSchema schema, Random random)
    {
        switch (strategy)
        {
            case Strategy.Empty:
                return [];
            case Strategy.RandomBytes:
            case Strategy.HugeRandomBytes:
                var bytes = new byte[strategy == Strategy.RandomBytes ? random.Next(0, 300) : random.Next(60_000, 66_000)];
                random.NextBytes(bytes);
                return bytes;
            case Strategy.RandomText:
                return Encoding.UTF8.GetBytes(RandomText(random, random.Next(0, 400)));
            case Strategy.FragmentSoup:
                return [.. Enumerable.Range(0, random.Next(1, 40)).SelectMany(_ => HostileFragments.Pick(random))];
            case Strategy.NearValidJson:
                var message = RandomJson.Message(schema, ReceivedAtMs, random);
                return random.Next(4) == 0 ? PayloadMutator.Mutate(message, random, 1) : message;
            default:
                return Repetition(random);
        }
    }

    /// <summary>Text from JSON punctuation, digits, letters, escapes, control characters and characters outside the BMP.</summary>
    private static string RandomText(Random random, int length)
    {
        const string Common = "{}[]:,\"\\ 0123456789.-+eEtrufalsn";
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(10) switch
            {
                < 7 => Common[random.Next(Common.Length)].ToString(),
                7 => ((char)random.Next(0, 0x20)).ToString(),
                8 => char.ConvertFromUtf32(random.Next(0x80, 0xD800)),
                _ => char.ConvertFromUtf32(random.Next(0x10000, 0x110000)),
            });
        }

        return text.ToString();
    }

    /// <summary>One piece many times over: thousands of unknown fields, empty readings, open brackets, escapes.</summary>
    private static byte[] Repetition(Random random)
    {
        string[] pieces =
        [
            "\"k\":0,", "\"\":0,", "\"\\u00e9\":null,", "{},", "1,", "[],", "\"\\ud83d\\ude8c\",", "{\"seq\":1,\"ts\":1557219600000,\"no2\":1},",
            "{\"seq\":1,\"x\":[1]},", "{\"seq\":1,\"seq\":1},", "[", "{\"a\":", "\"\\u0041\":1,", " ",
        ];
        var piece = pieces[random.Next(pieces.Length)];
        var count = random.Next(1, random.Next(2) == 0 ? 600 : 70_000 / piece.Length);
        var body = new StringBuilder(piece.Length * count);
        for (var i = 0; i < count; i++)
        {
            body.Append(piece);
        }

        // Members of one object, or elements of a backlog array; the wrong pieces make deep or broken JSON.
        return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "{" + body + "\"seq\":1}" : "[" + body + "{}]");
    }

    private static MessageSchema SchemaOf(string topic) =>
        DeviceTopic.TryParse(topic, out var parsed) && ContractSchemas.For(parsed.Kind, parsed.Type) is { } schema
            ? schema
            : throw new InvalidDataException("a valid vector's topic has no schema: " + topic);
}
