namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// Parses the contract's timestamp strings: RFC 3339 in UTC only,
/// <c>YYYY-MM-DDTHH:MM:SS[.fraction]Z</c> (also <c>t</c>/<c>z</c> and <c>+00:00</c>), to Unix
/// epoch milliseconds, truncating fractions beyond milliseconds. Real calendar dates only; no
/// leap second (60), which .NET and InfluxDB cannot represent either.
/// </summary>
public static class Rfc3339Timestamp
{
    public const int MaxLength = 35; // 19 + '.' + 9 digits + "+00:00"

    public static bool TryParseUtcMilliseconds(ReadOnlySpan<byte> s, out long epochMs)
    {
        epochMs = 0;
        if (s.Length < 20 || s.Length > MaxLength
            || s[4] != '-' || s[7] != '-' || (s[10] | 0x20) != 't' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        var millis = 0;
        if (s[i] == '.')
        {
            i++;
            var digits = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                if (digits < 3)
                {
                    millis = (millis * 10) + (s[i] - '0');
                }

                digits++;
                i++;
            }

            if (digits is 0 or > 9)
            {
                return false;
            }

            for (var pad = digits; pad < 3; pad++)
            {
                millis *= 10;
            }
        }

        var zone = s[i..];
        var utc = (zone.Length == 1 && (zone[0] | 0x20) == 'z') || zone.SequenceEqual("+00:00"u8);
        if (!utc)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        epochMs = (ticks / TimeSpan.TicksPerMillisecond) + millis;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
