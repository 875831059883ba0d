using System.Globalization;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// Splits a query into tokens: identifiers (letters, digits, <c>_</c> and a leading <c>$</c>, or
/// any text in brackets doubled as <c>[[name]]</c> for reserved words), strings in single or double
/// quotes (a quote doubled or escaped with a backslash stands for itself), numbers, and symbols.
/// </summary>
public static class QueryLexer
{
    private static readonly string[] Symbols = ["!=", "<>", "<=", ">=", "..", "(", ")", "[", "]", ",", ".", "*", "=", "<", ">", "-", ":", "|"];

    public static List<QueryToken> Tokenize(string query)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                i = ReadString(query, i, tokens);
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < query.Length && (char.IsAsciiDigit(query[i]) || (query[i] == '.' && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1])) || query[i] is 'e' or 'E'))
                {
                    i++;
                }

                var text = query[start..i];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw Error(start, $"'{text}' is not a number");
                }

                tokens.Add(new QueryToken(QueryTokenKind.Number, text, start, number));
            }
            else if (char.IsAsciiLetter(c) || c is '_' or '$')
            {
                var start = i++;
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new QueryToken(QueryTokenKind.Identifier, query[start..i], start));
            }
            else if (c == '[' && i + 1 < query.Length && query[i + 1] == '[')
            {
                var end = query.IndexOf("]]", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(i, "an escaped name [[...]] is not closed");
                }

                tokens.Add(new QueryToken(QueryTokenKind.Identifier, query[(i + 2)..end], i));
                i = end + 2;
            }
            else if (Array.Find(Symbols, s => string.CompareOrdinal(query, i, s, 0, s.Length) == 0) is { } symbol)
            {
                tokens.Add(new QueryToken(QueryTokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
            else
            {
                throw Error(i, $"unexpected character '{c}'");
            }
        }

        tokens.Add(new QueryToken(QueryTokenKind.End, "", query.Length));
        return tokens;
    }

    public static QueryException Error(int position, string message) =>
        new($"SQL query parse failed: SQL Parser Error, Line=1, Position={position}, Message={message}.");

    private static int ReadString(string query, int start, List<QueryToken> tokens)
    {
        var quote = query[start];
        var text = new System.Text.StringBuilder();
        var i = start + 1;
        while (i < query.Length)
        {
            var c = query[i];
            if (c == '\\' && i + 1 < query.Length)
            {
                text.Append(query[i + 1]);
                i += 2;
            }
            else if (c == quote && i + 1 < query.Length && query[i + 1] == quote)
            {
                text.Append(quote);
                i += 2;
            }
            else if (c == quote)
            {
                tokens.Add(new QueryToken(QueryTokenKind.String, text.ToString(), start));
                return i + 1;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        throw Error(start, "a string is not closed");
    }
}
