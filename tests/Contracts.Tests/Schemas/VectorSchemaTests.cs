using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Tests.Vectors;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Contracts.Tests.Schemas;

/// <summary>
/// Every vector against its JSON Schema, with an independent validator (NJsonSchema), so the
/// schemas and the decoder cannot drift apart. What a schema can judge: valid payloads pass;
/// schema-violation and out-of-range payloads fail. What it cannot, checked otherwise: malformed
/// JSON (strict parse fails, or a key or string does not unescape to Unicode), payload-too-large (byte count) and clock-skew (the payload is
/// otherwise schema-valid). Topic errors are decided before the payload is read, so a schema has
/// nothing to say about those vectors and they are not listed here.
/// </summary>
public sealed class VectorSchemaTests
{
    private static readonly HashSet<string> TopicCodes = [ErrorCodes.UnknownDevice, ErrorCodes.WrongKind, ErrorCodes.UnauthorizedTopic];

    public static TheoryData<string> Vectors => new(ContractVector.AllRelativePaths()
        .Where(p => !ContractVector.Load(p).ExpectedErrorCodes.Any(TopicCodes.Contains)));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_agrees_with_its_json_schema(string vectorPath)
    {
        var vector = ContractVector.Load(vectorPath);
        var codes = vector.ExpectedErrorCodes.ToHashSet();

        if (codes.Contains(ErrorCodes.PayloadTooLarge))
        {
            Assert.True(vector.Payload.Length > 65_536, $"{vectorPath}: payload-too-large vector has only {vector.Payload.Length} bytes");
            return;
        }

        if (codes.Contains(ErrorCodes.MalformedJson))
        {
            Assert.False(StrictJson.IsValid(vector.Payload), $"{vectorPath}: malformed-json vector parses as strict JSON: {vector.PayloadPreview}");
            return;
        }

        Assert.True(StrictJson.IsValid(vector.Payload), $"{vectorPath}: payload is not strict JSON but no malformed-json error is expected");
        Assert.True(DeviceTopic.TryParse(vector.Topic, out var topic), vectorPath + ": topic does not parse");
        var schema = ContractSchemas.For(topic.Kind, topic.Type)!;
        var errors = SchemaFiles.Validate(schema.SchemaFile, vector.Payload);

        // Clock skew and how a message was published (QoS 2, retained off the status topic) are
        // outside the payload's schema: the payload itself is valid.
        if (codes.All(c => c == ErrorCodes.ClockSkew) || vector.Qos != 1 || vector.Retain)
        {
            Assert.True(
                errors.Count == 0,
                $"{vectorPath}: expected a payload valid against {schema.SchemaFile}, got: {string.Join(", ", errors)}\npayload: {vector.PayloadPreview}");
        }
        else
        {
            Assert.True(
                errors.Count > 0,
                $"{vectorPath}: expected {string.Join(", ", codes)} but {schema.SchemaFile} accepts the payload: {vector.PayloadPreview}");
        }
    }
}
