namespace UrbanTwin.Contracts.Fields;

/// <summary>How a field's JSON value is read.</summary>
public enum FieldType
{
    /// <summary><c>seq</c>: a uint32.</summary>
    Sequence = 1,

    /// <summary><c>ts</c>: an RFC 3339 UTC string or integer epoch milliseconds.</summary>
    Timestamp = 2,

    /// <summary>A JSON number, stored as a double.</summary>
    Number = 3,

    /// <summary>A JSON number with no fractional part, stored as a double.</summary>
    Integer = 4,

    /// <summary>A string checked by the field's <see cref="ContractField.TextRule"/>.</summary>
    Text = 5,
}
