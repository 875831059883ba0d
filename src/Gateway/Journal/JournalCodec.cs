using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Gateway.Journal;

/// <summary>
/// The journal's record format: <c>length (u32) | CRC-32 of the body (u32) | body</c>, little-endian.
/// The body holds the entry's LSN, asset, device, kind, arrival time, counters and readings (seq,
/// time, present mask and only the values present). A record cut short by a crash, or whose
/// checksum fails, ends the readable journal: it was never acknowledged.
/// </summary>
public static class JournalCodec
{
    public const int HeaderBytes = 8;

    /// <summary>A record larger than this is damage, not data (a message holds at most 500 readings).</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static void Write(IBufferWriter<byte> output, JournalEntry entry)
    {
        var batch = entry.Batch;
        var bodyBytes = 8 + 2 + Encoding.UTF8.GetByteCount(entry.AssetId) + 2 + Encoding.UTF8.GetByteCount(batch.DeviceId) + 1 + 8 + 4 + 4 + 4;
        foreach (var reading in batch.Readings)
        {
            bodyBytes += 4 + 8 + 1 + (8 * System.Numerics.BitOperations.PopCount(reading.PresentMask));
        }

        var span = output.GetSpan(HeaderBytes + bodyBytes);
        var body = span.Slice(HeaderBytes, bodyBytes);
        var at = 0;
        BinaryPrimitives.WriteInt64LittleEndian(body[at..], entry.Lsn);
        at += 8;
        at += WriteString(body[at..], entry.AssetId);
        at += WriteString(body[at..], batch.DeviceId);
        body[at++] = (byte)batch.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(body[at..], batch.ReceivedAtMs);
        at += 8;
        BinaryPrimitives.WriteInt32LittleEndian(body[at..], batch.Duplicates);
        at += 4;
        BinaryPrimitives.WriteInt32LittleEndian(body[at..], batch.Rejected);
        at += 4;
        BinaryPrimitives.WriteInt32LittleEndian(body[at..], batch.Readings.Length);
        at += 4;
        foreach (var reading in batch.Readings)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(body[at..], reading.Seq);
            at += 4;
            BinaryPrimitives.WriteInt64LittleEndian(body[at..], reading.TimestampMs);
            at += 8;
            body[at++] = reading.PresentMask;
            for (var slot = 0; slot < FieldValues.Capacity; slot++)
            {
                if (reading.TryGet(slot, out var value))
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(body[at..], value);
                    at += 8;
                }
            }
        }

        BinaryPrimitives.WriteInt32LittleEndian(span, bodyBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Crc32.HashToUInt32(body));
        output.Advance(HeaderBytes + bodyBytes);
    }

    /// <summary>Reads the record at the start of <paramref name="data"/>; false when it is incomplete or damaged.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out JournalEntry? entry, out int consumed)
    {
        entry = null;
        consumed = 0;
        if (data.Length < HeaderBytes)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length <= 0 || length > MaxBodyBytes || data.Length < HeaderBytes + length)
        {
            return false;
        }

        var body = data.Slice(HeaderBytes, length);
        if (Crc32.HashToUInt32(body) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        {
            return false;
        }

        var at = 0;
        var lsn = BinaryPrimitives.ReadInt64LittleEndian(body);
        at += 8;
        var assetId = ReadString(body, ref at);
        var deviceId = ReadString(body, ref at);
        var kind = (DeviceKind)body[at++];
        var receivedAt = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
        at += 8;
        var duplicates = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
        at += 4;
        var rejected = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
        at += 4;
        var count = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
        at += 4;
        var readings = new Reading[count];
        for (var i = 0; i < count; i++)
        {
            var seq = BinaryPrimitives.ReadUInt32LittleEndian(body[at..]);
            at += 4;
            var ts = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
            at += 8;
            var mask = body[at++];
            var values = default(FieldValues);
            for (var slot = 0; slot < FieldValues.Capacity; slot++)
            {
                if ((mask & (1 << slot)) != 0)
                {
                    values[slot] = BinaryPrimitives.ReadDoubleLittleEndian(body[at..]);
                    at += 8;
                }
            }

            readings[i] = new Reading(seq, ts, values, mask);
        }

        entry = new JournalEntry(lsn, assetId, new TelemetryBatch(deviceId, kind, receivedAt, readings, duplicates, rejected));
        consumed = HeaderBytes + length;
        return true;
    }

    private static int WriteString(Span<byte> into, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, into[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(into, (ushort)written);
        return 2 + written;
    }

    private static string ReadString(ReadOnlySpan<byte> body, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
        at += 2;
        var value = Encoding.UTF8.GetString(body.Slice(at, length));
        at += length;
        return value;
    }
}
