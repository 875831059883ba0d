using System.Text;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// Pieces of text that have broken JSON decoders before, for splicing into payloads: half
/// surrogate pairs, numbers past double's range, literals JSON does not have, deep nesting, a BOM,
/// control characters, invalid and overlong UTF-8, duplicate keys, and the contract's own field names.
/// </summary>
public static class HostileFragments
{
    private static readonly string[] Texts =
    [
        @"""\ud800""", @"""\udc00""", @"\ud800", @"\udfff\ud800", @"\ud83d\ude8c", @"\u", @"\u00", @"\uZZZZ", @"\\", @"\""", @"\",
        "1e999", "-1e999", "1e-400", "-0", "-0.0", "0e0", "5e0", "5.0", "1.5", "-1", "4294967295", "4294967296", "18446744073709551616",
        "253402300799999", "253402300800000", "1557219600000", "NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "1e", "0x10",
        "null", "true", "false", "nul", "tru", "[", "]", "{", "}", ":", ",", ",,", "[]", "{}", "[{}]", "[[[[[[[[[[", "]]]]]]]]]]",
        @"{""a"":", @"""seq"":1,", @"""seq"":", @"""ts"":", @"""no2"":", @"""x"":1,", @"""seq"":1,""seq"":2,", @"""ts"":""2019-05-07T09:00:00Z"",",
        @"""2019-05-07T09:00:00Z""", @"""2019-02-29T00:00:00Z""", @"""2019-05-07T09:00:00+01:00""", @"""2019-05-07T24:00:00Z""",
        @"""north""", @"""online""", @"""1.2.3""", @"""LT61""", "/* c */", "//", "'a'", "\t", "\n", "\r", " ",
        "\u0000", "\u0001", "\u001f", "\u007f", "é", "€", "🚌", "\u2028",
    ];

    private static readonly byte[][] Raw =
    [
        [0xEF, 0xBB, 0xBF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xFE], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xC3],
    ];

    public static IReadOnlyList<byte[]> All { get; } = [.. Texts.Select(Encoding.UTF8.GetBytes), .. Raw];

    public static byte[] Pick(Random random) => random.Next(8) == 0 ? Long(random) : All[random.Next(All.Count)];

    /// <summary>A long string, number or nesting: up to a few KiB, or past the 64 KiB limit now and then.</summary>
    public static byte[] Long(Random random)
    {
        var length = random.Next(4) == 0 ? random.Next(60_000, 70_000) : random.Next(1, 4_000);
        return random.Next(6) switch
        {
            0 => Encoding.UTF8.GetBytes("\"" + new string('a', length) + "\""),
            1 => Encoding.UTF8.GetBytes(new string('9', length)),
            2 => Encoding.UTF8.GetBytes("0." + new string('0', length) + "1"),
            3 => Encoding.UTF8.GetBytes(new string('[', length)),
            4 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", length / 5))),
            _ => Encoding.UTF8.GetBytes("\"" + string.Concat(Enumerable.Repeat(@"\ud83d\ude8c", length / 12)) + "\""),
        };
    }
}
