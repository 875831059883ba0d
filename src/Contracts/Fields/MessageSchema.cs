namespace UrbanTwin.Contracts.Fields;

/// <summary>
/// The shape of one contract message (e.g. air-quality telemetry): its fields in document order of
/// the contract, whether a backlog array is allowed, and which measurements must have at least one
/// value. <see cref="SchemaFile"/> names the JSON Schema in <c>firmware-contracts/schemas/</c>.
/// </summary>
public sealed class MessageSchema
{
    private readonly ContractField[] _fields;

    public MessageSchema(string schemaFile, MessageShape shape, ContractField[] fields, int atLeastOneOfMask = 0)
    {
        SchemaFile = schemaFile;
        Shape = shape;
        _fields = fields;
        AtLeastOneOfMask = atLeastOneOfMask;
        HasSequenceAndTimestamp = fields.Any(f => f.Type == FieldType.Sequence);
        NumericSlotCount = fields.Where(f => f.IsNumeric).Select(f => f.Slot + 1).DefaultIfEmpty(0).Max();
        TextSlotCount = fields.Where(f => f.Type == FieldType.Text).Select(f => f.Slot + 1).DefaultIfEmpty(0).Max();
        if (fields.Length > 64)
        {
            throw new ArgumentException("A message has at most 64 fields.", nameof(fields));
        }
    }

    public string SchemaFile { get; }

    public IReadOnlyList<ContractField> Fields => _fields;

    internal ContractField[] FieldArray => _fields;

    public MessageShape Shape { get; }

    /// <summary>Telemetry may be a backlog array of readings; requests and statuses are single objects.</summary>
    public bool AllowsBatch => Shape == MessageShape.Telemetry;

    /// <summary>Bit i set: numeric slot i counts towards "at least one measurement present".</summary>
    public int AtLeastOneOfMask { get; }

    public bool HasSequenceAndTimestamp { get; }

    public int NumericSlotCount { get; }

    public int TextSlotCount { get; }

    public ContractField? Find(string name)
    {
        foreach (var field in _fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>Finds a field by its UTF-8 name without allocating; returns its index or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8Name)
    {
        var fields = _fields;
        for (var i = 0; i < fields.Length; i++)
        {
            if (utf8Name.SequenceEqual(fields[i].Utf8Name))
            {
                return i;
            }
        }

        return -1;
    }

    public override string ToString() => SchemaFile;
}
