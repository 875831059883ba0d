namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>One token of a query: an identifier (keywords are identifiers too), a string, a number or a symbol, and where it starts.</summary>
public readonly record struct QueryToken(QueryTokenKind Kind, string Text, int Position, double Number = 0)
{
    public bool IsSymbol(string symbol) => Kind == QueryTokenKind.Symbol && Text == symbol;

    /// <summary>Keywords are not case-sensitive (<c>FROM digitaltwins</c> works).</summary>
    public bool IsKeyword(string keyword) => Kind == QueryTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
