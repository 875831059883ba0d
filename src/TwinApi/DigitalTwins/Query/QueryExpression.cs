namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>A WHERE expression, or a projected value, of a query.</summary>
public abstract record QueryExpression
{
    /// <summary>A property path: an alias or a property, then members (<c>T.latest.no2</c>, <c>$dtId</c>).</summary>
    public sealed record Path(IReadOnlyList<string> Segments) : QueryExpression
    {
        public override string ToString() => string.Join('.', Segments);
    }

    /// <summary>A string, a number, true, false or null.</summary>
    public sealed record Literal(object? Value) : QueryExpression;

    public sealed record Not(QueryExpression Operand) : QueryExpression;

    public sealed record And(QueryExpression Left, QueryExpression Right) : QueryExpression;

    public sealed record Or(QueryExpression Left, QueryExpression Right) : QueryExpression;

    /// <summary>A comparison: <c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c> or <c>&gt;=</c>.</summary>
    public sealed record Compare(string Operator, QueryExpression Left, QueryExpression Right) : QueryExpression;

    /// <summary><c>IN [...]</c>, or <c>NIN [...]</c> when <see cref="Negated"/>.</summary>
    public sealed record In(QueryExpression Value, IReadOnlyList<object?> Values, bool Negated) : QueryExpression;

    /// <summary>A function call, its name in capitals.</summary>
    public sealed record Function(string Name, IReadOnlyList<QueryExpression> Arguments) : QueryExpression;
}
