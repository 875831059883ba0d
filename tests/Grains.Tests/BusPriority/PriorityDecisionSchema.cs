using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.TestSupport;

namespace UrbanTwin.Grains.Tests.BusPriority;

/// <summary>
/// Checks a payload against <c>firmware-contracts/schemas/priority-decision.schema.json</c> by
/// hand (this project has no JSON Schema library), reading the keywords that schema uses: type,
/// required, additionalProperties, enum, minimum, maximum, pattern, minLength, maxLength. A keyword
/// it does not know is itself reported, so a schema change cannot pass unchecked.
/// </summary>
internal static class PriorityDecisionSchema
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "x-unit", "x-classification"];
    private static readonly Lazy<JsonDocument> Schema = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.FirmwareContracts, "schemas", "priority-decision.schema.json"))));

    public static List<string> Violations(byte[] payload)
    {
        var violations = new List<string>();
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var schema = Schema.Value.RootElement;
        var properties = schema.GetProperty("properties");
        foreach (var keyword in schema.EnumerateObject())
        {
            switch (keyword.Name)
            {
                case "type" when keyword.Value.GetString() == "object":
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        violations.Add("$: not an object");
                        return violations;
                    }

                    break;
                case "required":
                    violations.AddRange(keyword.Value.EnumerateArray()
                        .Where(name => !root.TryGetProperty(name.GetString()!, out _))
                        .Select(name => $"$.{name.GetString()}: missing"));
                    break;
                case "additionalProperties" when keyword.Value.ValueKind == JsonValueKind.False:
                    violations.AddRange(root.EnumerateObject()
                        .Where(p => !properties.TryGetProperty(p.Name, out _))
                        .Select(p => $"$.{p.Name}: not allowed"));
                    break;
                case "properties":
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name))
                    {
                        violations.Add($"schema keyword {keyword.Name} not checked");
                    }

                    break;
            }
        }

        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        violations.AddRange(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"$.{g.Key}: duplicate"));
        foreach (var property in root.EnumerateObject())
        {
            if (properties.TryGetProperty(property.Name, out var rules))
            {
                violations.AddRange(Check("$." + property.Name, property.Value, rules));
            }
        }

        return violations;
    }

    private static IEnumerable<string> Check(string path, JsonElement value, JsonElement rules)
    {
        foreach (var rule in rules.EnumerateObject())
        {
            var ok = rule.Name switch
            {
                "type" => rule.Value.GetString() switch
                {
                    "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == decimal.Truncate(d),
                    "string" => value.ValueKind == JsonValueKind.String,
                    var other => throw new InvalidOperationException($"type {other} not checked"),
                },
                "enum" => rule.Value.EnumerateArray().Any(allowed => JsonElement.DeepEquals(allowed, value)),
                "minimum" => value.ValueKind != JsonValueKind.Number || value.GetDecimal() >= rule.Value.GetDecimal(),
                "maximum" => value.ValueKind != JsonValueKind.Number || value.GetDecimal() <= rule.Value.GetDecimal(),
                "pattern" => value.ValueKind != JsonValueKind.String || Regex.IsMatch(value.GetString()!, rule.Value.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)),
                "minLength" => value.ValueKind != JsonValueKind.String || value.GetString()!.EnumerateRunes().Count() >= rule.Value.GetInt32(),
                "maxLength" => value.ValueKind != JsonValueKind.String || value.GetString()!.EnumerateRunes().Count() <= rule.Value.GetInt32(),
                _ when Annotations.Contains(rule.Name) => true,
                _ => throw new InvalidOperationException($"schema keyword {rule.Name} at {path} not checked"),
            };
            if (!ok)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{path}: {value.GetRawText()} breaks {rule.Name} {rule.Value.GetRawText()}");
            }
        }
    }
}
