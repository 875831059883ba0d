using System.Collections.Concurrent;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace UrbanTwin.TestSupport.Contract;

/// <summary>Loads the contract's JSON Schemas with NJsonSchema, once per file.</summary>
public static class SchemaFiles
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new();

    public static string Directory => Path.Combine(RepositoryPaths.FirmwareContracts, "schemas");

    public static string PathOf(string schemaName) => Path.Combine(Directory, schemaName + ".schema.json");

    /// <summary>
    /// Validates a payload. Two adaptations of the validator's JSON reading, not of the schema:
    /// no depth limit and no date conversion (the payload is taken as written), and numbers with
    /// a zero fractional part (<c>5.0</c>, <c>5e0</c>) read as integers, as JSON Schema 2020-12
    /// defines them (NJsonSchema keeps draft 4's narrower notion).
    /// </summary>
    public static ICollection<ValidationError> Validate(string schemaName, byte[] payload)
    {
        using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(payload)))
        {
            MaxDepth = null,
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
        };
        var token = JToken.ReadFrom(reader);
        return Get(schemaName).Validate(IntegralFloatsAsIntegers(token));
    }

    private static JToken IntegralFloatsAsIntegers(JToken token)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.Float } value when value.Value is double d && double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18:
                return new JValue((long)d);
            case JObject obj:
                foreach (var property in obj.Properties().ToList())
                {
                    property.Value = IntegralFloatsAsIntegers(property.Value);
                }

                return obj;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = IntegralFloatsAsIntegers(array[i]);
                }

                return array;
            default:
                return token;
        }
    }

    public static JsonSchema Get(string schemaName) =>
        Cache.GetOrAdd(schemaName, name => new Lazy<JsonSchema>(() => JsonSchema.FromFileAsync(PathOf(name)).GetAwaiter().GetResult())).Value;
}
