namespace UrbanTwin.Contracts.Fields;

/// <summary>
/// The rule a text field's UTF-8 value must satisfy, with the equivalent JSON Schema
/// <see cref="Pattern"/> or <see cref="AllowedValues"/> (the schema test checks they agree).
/// </summary>
public sealed class TextRule
{
    private readonly Func<string, bool>? _matches;

    private TextRule(string? pattern, IReadOnlyList<string>? allowedValues, int maxLength, Func<string, bool>? matches)
    {
        Pattern = pattern;
        AllowedValues = allowedValues;
        MaxLength = maxLength;
        _matches = matches;
    }

    public string? Pattern { get; }

    public IReadOnlyList<string>? AllowedValues { get; }

    /// <summary>The longest value the rule can accept, in characters (all rules are ASCII).</summary>
    public int MaxLength { get; }

    public static TextRule OneOf(params string[] values) =>
        new(null, values, values.Max(v => v.Length), null);

    public static TextRule Matching(string pattern, int maxLength, Func<string, bool> matches) =>
        new(pattern, null, maxLength, matches);

    public bool IsSatisfiedBy(string value)
    {
        if (value.Length > MaxLength)
        {
            return false;
        }

        if (AllowedValues is not null)
        {
            foreach (var allowed in AllowedValues)
            {
                if (allowed == value)
                {
                    return true;
                }
            }

            return false;
        }

        return _matches!(value);
    }

    public string Describe() => AllowedValues is not null
        ? "one of " + string.Join(", ", AllowedValues)
        : "a string matching " + Pattern;
}
