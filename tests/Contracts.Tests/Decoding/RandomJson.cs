using System.Globalization;
using System.Text;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// Near-valid messages for a schema: its own field names in any order, now and then an unknown,
/// escaped or repeated key, values at, inside and just outside each field's range or of another
/// type, backlog arrays up to past the 500-reading limit, random whitespace. These reach the
/// decoder's range, timestamp and text checks, which random bytes rarely do.
/// </summary>
public static class RandomJson
{
    private static readonly string[] OddValues =
    [
        "null", "true", "\"\"", "\"5\"", "-0", "1e999", "-1e999", "1e-400", "5e0", "5.0", "0.1", "4294967296", "-1", "{}", "[]", "[1]", "{\"a\":1}",
    ];

    private static readonly string[] OddKeys = ["pm25", "x", "", "SEQ", "s\\u0065q", "no\\u0032", "ts ", "\\u0074s", "\\ud83d\\ude8c", "\\\\u0073eq"];

    public static byte[] Message(MessageSchema schema, long receivedAtMs, Random random)
    {
        var text = new StringBuilder();
        if (schema.AllowsBatch && random.Next(3) == 0)
        {
            var count = random.Next(20) == 0 ? random.Next(495, 510) : random.Next(0, 12);
            text.Append('[');
            for (var i = 0; i < count; i++)
            {
                text.Append(i == 0 ? "" : ",");
                Reading(text, schema, receivedAtMs, random);
            }

            text.Append(']');
        }
        else
        {
            Reading(text, schema, receivedAtMs, random);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Reading(StringBuilder text, MessageSchema schema, long receivedAtMs, Random random)
    {
        var fields = schema.Fields.Where(_ => random.Next(8) != 0).OrderBy(_ => random.Next()).ToList();
        text.Append('{');
        var first = true;
        foreach (var field in fields)
        {
            Member(text, ref first, Key(field.Name, random), Value(field, receivedAtMs, random), random);
            if (random.Next(30) == 0)
            {
                Member(text, ref first, field.Name, Value(field, receivedAtMs, random), random);
            }
        }

        if (random.Next(6) == 0)
        {
            Member(text, ref first, OddKeys[random.Next(OddKeys.Length)], OddValues[random.Next(OddValues.Length)], random);
        }

        text.Append(Space(random)).Append('}');
    }

    private static void Member(StringBuilder text, ref bool first, string key, string value, Random random)
    {
        text.Append(first ? "" : ",").Append(Space(random)).Append('"').Append(key).Append('"').Append(Space(random)).Append(':').Append(Space(random)).Append(value);
        first = false;
    }

    private static string Key(string name, Random random) => random.Next(20) switch
    {
        0 => string.Concat(name.Select(c => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture))),
        1 => name.ToUpperInvariant(),
        _ => name,
    };

    private static string Value(ContractField field, long receivedAtMs, Random random)
    {
        if (random.Next(10) == 0)
        {
            return OddValues[random.Next(OddValues.Length)];
        }

        return field.Type switch
        {
            FieldType.Sequence => Number(random, 0, uint.MaxValue, integer: true),
            FieldType.Timestamp => Timestamp(receivedAtMs, random),
            FieldType.Text => Text(field, random),
            _ => Number(random, field.Min, field.Max, field.Type == FieldType.Integer),
        };
    }

    private static string Number(Random random, double min, double max, bool integer)
    {
        var value = random.Next(8) switch
        {
            0 => min,
            1 => max,
            2 => min - (integer ? 1 : 0.001),
            3 => max + (integer ? 1 : 0.001),
            _ => min + (random.NextDouble() * (max - min)),
        };
        if (integer && random.Next(4) != 0)
        {
            value = Math.Floor(value);
        }

        return random.Next(6) == 0
            ? value.ToString("E", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Timestamp(long receivedAtMs, Random random)
    {
        var offset = random.Next(6) switch
        {
            0 => TimeSpan.FromMinutes(5).Ticks / TimeSpan.TicksPerMillisecond + random.Next(-2, 3),
            1 => -TimeSpan.FromDays(7).Ticks / TimeSpan.TicksPerMillisecond + random.Next(-2, 3),
            2 => random.NextInt64(-TimeSpan.FromDays(30).Ticks, TimeSpan.FromDays(30).Ticks) / TimeSpan.TicksPerMillisecond,
            _ => -random.Next(0, 3_600_000),
        };
        var ms = receivedAtMs + offset;
        if (random.Next(3) == 0)
        {
            return ms.ToString(CultureInfo.InvariantCulture);
        }

        var format = random.Next(4) switch
        {
            0 => "yyyy-MM-dd'T'HH:mm:ss'Z'",
            1 => "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            2 => "yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'",
            _ => "yyyy-MM-dd HH:mm:ss'Z'",
        };
        return "\"" + DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, 0, 253_402_300_799_999)).ToString(format, CultureInfo.InvariantCulture) + "\"";
    }

    private static string Text(ContractField field, Random random)
    {
        var rule = field.TextRule!;
        if (rule.AllowedValues is { } allowed && random.Next(4) != 0)
        {
            return "\"" + allowed[random.Next(allowed.Count)] + "\"";
        }

        if (field.Name == "firmware" && random.Next(2) == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"\"{random.Next(100)}.{random.Next(100)}.{random.Next(100)}\"");
        }

        string[] pieces = ["a", "Z", "0", "7", "-", ".", " ", "_", "\\u0041", "\\u00e9", "\\\\", "\\\""];
        var value = new StringBuilder("\"");
        for (var length = random.Next(0, rule.MaxLength + 3); length > 0; length--)
        {
            value.Append(random.Next(4) == 0 ? pieces[random.Next(pieces.Length)] : pieces[random.Next(4)]);
        }

        return value.Append('"').ToString();
    }

    private static string Space(Random random) => random.Next(12) switch
    {
        0 => " ",
        1 => "\n\t",
        _ => "",
    };
}
