using System.Globalization;
using System.Text;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// Device-supplied text made fit for an error message, which goes back to the device and into the
/// hub's log: printable ASCII kept, everything else escaped (no line breaks that forge log lines,
/// no half surrogate pairs), and bounded.
/// </summary>
internal static class DeviceText
{
    private const int MaxQuotedLength = 64;
    private const int ExcerptHead = 100;
    private const int ExcerptTail = 60;

    /// <summary>A JSON path segment for a field name: <c>name</c> or <c>['odd name']</c>, bounded.</summary>
    public static string PathSegment(string name)
    {
        var simple = name.Length is > 0 and <= MaxQuotedLength && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        foreach (var c in name)
        {
            simple &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        return simple ? name : "[" + Quote(name) + "]";
    }

    /// <summary>Quotes a device-supplied name for a message, its first 64 characters.</summary>
    public static string Quote(string name)
    {
        var shown = Math.Min(name.Length, MaxQuotedLength);
        var builder = new StringBuilder(shown + 8).Append('\'');
        AppendEscaped(builder, name.AsSpan(0, shown), escapeQuotes: true);
        if (name.Length > shown)
        {
            builder.Append('…');
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>
    /// A JSON parser's message, which may quote the payload raw from the bad token to its end (up
    /// to 64 KiB): its start and its end (where the position is), the middle cut.
    /// </summary>
    public static string Excerpt(string message)
    {
        var builder = new StringBuilder(Math.Min(message.Length, ExcerptHead + ExcerptTail) + 16);
        if (message.Length <= ExcerptHead + ExcerptTail)
        {
            AppendEscaped(builder, message, escapeQuotes: false);
        }
        else
        {
            AppendEscaped(builder, message.AsSpan(0, ExcerptHead), escapeQuotes: false);
            builder.Append('…');
            AppendEscaped(builder, message.AsSpan(message.Length - ExcerptTail), escapeQuotes: false);
        }

        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, ReadOnlySpan<char> text, bool escapeQuotes)
    {
        foreach (var c in text)
        {
            if (escapeQuotes && c is '\'' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }
    }
}
