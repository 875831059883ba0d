using System.Buffers;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Contracts.Tests.Vectors;

/// <summary>Every golden vector, through the production validator and decoder, gives exactly its expected outcome.</summary>
public sealed class VectorDecodingTests
{
    private static readonly VectorDirectory Directory = VectorDirectory.Load();
    private static readonly DeviceMessageValidator Validator = new(new PayloadDecoder());

    public static TheoryData<string> Vectors => new(ContractVector.AllRelativePaths());

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_decodes_to_exactly_its_expected_outcome(string vectorPath)
    {
        var vector = ContractVector.Load(vectorPath);
        var result = new DecodeResult();

        Validator.Validate(vector.Topic, vector.Publisher, Directory.Find(vector.Publisher), new ReadOnlySequence<byte>(vector.Payload), vector.ReceivedAtMs, result, Flags(vector));

        AssertOutcome(vector, result, "single segment");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_split_into_many_segments_decodes_the_same(string vectorPath)
    {
        var vector = ContractVector.Load(vectorPath);
        if (vector.Payload.Length > 70_000)
        {
            return; // rejected on size before any byte is read; the single-segment test covers it
        }

        // MQTT payloads may arrive as a multi-segment sequence: a 7-byte segment size splits every
        // token, escape and UTF-8 character at some point.
        var result = new DecodeResult();
        Validator.Validate(vector.Topic, vector.Publisher, Directory.Find(vector.Publisher), Segments.Split(vector.Payload, 7), vector.ReceivedAtMs, result, Flags(vector));

        AssertOutcome(vector, result, "7-byte segments");
    }

    private static PublishFlags Flags(ContractVector vector) => new(vector.Retain, vector.Qos == 2);

    private static void AssertOutcome(ContractVector vector, DecodeResult result, string how)
    {
        MessageSchema? schema = DeviceTopic.TryParse(vector.Topic, out var topic) ? ContractSchemas.For(topic.Kind, topic.Type) : null;
        var expected = OutcomeText.Expected(vector.Expected);
        var actual = OutcomeText.Actual(result, schema);
        if (expected != actual)
        {
            Assert.Fail(
                $"""
                Vector {vector.RelativePath} ({how}): {vector.Description}
                topic:     {vector.Topic}
                publisher: {vector.Publisher}
                payload:   {vector.PayloadPreview}
                expected:
                {expected}
                actual:
                {actual}
                messages:  {string.Join(" | ", result.Errors.Select(e => e.Message))}
                """);
        }
    }
}
