using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace UrbanTwin.TimeSeries.LineProtocol;

/// <summary>
/// Writes one line of InfluxDB line protocol straight into a pooled buffer: measurement, tags,
/// fields, millisecond timestamp, with InfluxDB's escaping rules (measurement: comma and space;
/// tag keys, tag values and field keys: comma, equals sign and space; string field values: double
/// quote and backslash) and invariant number formatting. Whatever InfluxDB would reject is refused
/// with a <see cref="LineProtocolException"/> naming the part: NaN and infinities, empty names or
/// tag values, line breaks, a point without fields. Nothing is allocated per point.
/// Use: <c>LinePoint.Start(buffer, "air_quality").Tag("asset", id).Field("no2", 28).End(ts)</c>.
/// </summary>
public ref struct LinePoint
{
    private readonly IBufferWriter<byte> _output;
    private bool _hasField;

    private LinePoint(IBufferWriter<byte> output)
    {
        _output = output;
        _hasField = false;
    }

    public static LinePoint Start(IBufferWriter<byte> output, ReadOnlySpan<char> measurement)
    {
        var point = new LinePoint(output);
        point.WriteEscaped(measurement, EscapeSet.Measurement, "measurement");
        return point;
    }

    /// <summary>Adds a tag. Tags must come before fields; InfluxDB prefers them sorted by key.</summary>
    public LinePoint Tag(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (_hasField)
        {
            throw new LineProtocolException("tags must come before fields");
        }

        WriteByte((byte)',');
        WriteEscaped(key, EscapeSet.Name, "tag key");
        WriteByte((byte)'=');
        WriteEscaped(value, EscapeSet.Name, "tag value");
        return this;
    }

    public LinePoint Field(ReadOnlySpan<char> key, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new LineProtocolException($"field '{key}' is {value}: InfluxDB stores only finite numbers");
        }

        StartField(key);
        var span = _output.GetSpan(32);
        if (!Utf8Formatter.TryFormat(value, span, out var written))
        {
            throw new LineProtocolException($"field '{key}' could not be formatted");
        }

        _output.Advance(written);
        return this;
    }

    public LinePoint Field(ReadOnlySpan<char> key, long value)
    {
        StartField(key);
        var span = _output.GetSpan(21);
        Utf8Formatter.TryFormat(value, span, out var written);
        span[written] = (byte)'i';
        _output.Advance(written + 1);
        return this;
    }

    public LinePoint Field(ReadOnlySpan<char> key, bool value)
    {
        StartField(key);
        Write(value ? "true"u8 : "false"u8);
        return this;
    }

    public LinePoint Field(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        StartField(key);
        WriteByte((byte)'"');
        WriteEscaped(value, EscapeSet.StringValue, "string field", allowEmpty: true);
        WriteByte((byte)'"');
        return this;
    }

    /// <summary>Ends the line with its timestamp in Unix epoch milliseconds (write with <c>precision=ms</c>).</summary>
    public void End(long timestampMs)
    {
        if (!_hasField)
        {
            throw new LineProtocolException("a point needs at least one field");
        }

        WriteByte((byte)' ');
        var span = _output.GetSpan(21);
        Utf8Formatter.TryFormat(timestampMs, span, out var written);
        span[written] = (byte)'\n';
        _output.Advance(written + 1);
    }

    private void StartField(ReadOnlySpan<char> key)
    {
        WriteByte(_hasField ? (byte)',' : (byte)' ');
        _hasField = true;
        WriteEscaped(key, EscapeSet.Name, "field key");
        WriteByte((byte)'=');
    }

    private readonly void WriteEscaped(ReadOnlySpan<char> text, EscapeSet set, string part, bool allowEmpty = false)
    {
        if (text.IsEmpty && !allowEmpty)
        {
            throw new LineProtocolException($"{part} is empty: InfluxDB rejects empty {part}s");
        }

        // Worst case: every character escaped, every one 3 UTF-8 bytes (surrogate pairs: 4 for 2).
        var span = _output.GetSpan((text.Length * 4) + 1);
        var at = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                throw new LineProtocolException($"{part} contains a line break: InfluxDB reads it as the end of the line");
            }

            if (set == EscapeSet.Measurement ? c is ',' or ' ' : set == EscapeSet.Name ? c is ',' or '=' or ' ' : c is '"' or '\\')
            {
                span[at++] = (byte)'\\';
            }

            if (c < 0x80)
            {
                span[at++] = (byte)c;
                continue;
            }

            var end = i + 1;
            if (char.IsHighSurrogate(c) && end < text.Length && char.IsLowSurrogate(text[end]))
            {
                end++;
            }

            if (Utf8.FromUtf16(text[i..end], span[at..], out _, out var bytes, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw new LineProtocolException($"{part} is not valid Unicode");
            }

            at += bytes;
            i = end - 1;
        }

        // A trailing backslash (however many) would escape the separator after it.
        if (set != EscapeSet.StringValue && text[^1] == '\\')
        {
            throw new LineProtocolException($"{part} ends with a backslash, which would escape the separator after it");
        }

        _output.Advance(at);
    }

    private readonly void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    private readonly void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        _output.Advance(bytes.Length);
    }

    private enum EscapeSet
    {
        Measurement,
        Name,
        StringValue,
    }
}
