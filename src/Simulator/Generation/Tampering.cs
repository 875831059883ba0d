namespace UrbanTwin.Simulator.Generation;

/// <summary>A deliberate breach of the contract written into an otherwise good payload (see <see cref="BadPayloads"/>).</summary>
internal readonly record struct Tampering(Tampering.Breach Kind, string Field = "", double Value = 0)
{
    public enum Breach
    {
        None = 0,

        /// <summary>Leave out <c>seq</c>.</summary>
        OmitSequence,

        /// <summary>Write <see cref="Field"/>'s value as a string.</summary>
        FieldAsString,

        /// <summary>Write <see cref="Field"/> with <see cref="Value"/> instead of its own value.</summary>
        FieldValue,

        /// <summary>Add a field the contract does not know, named <see cref="Field"/>.</summary>
        UnknownField,
    }

    public static Tampering None => default;
}
