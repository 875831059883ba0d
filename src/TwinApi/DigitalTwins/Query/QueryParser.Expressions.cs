namespace UrbanTwin.TwinApi.DigitalTwins.Query;

// The WHERE half of the parser: conditions, operands, literals, lists and paths, and the token helpers both halves use.
public sealed partial class QueryParser
{
    private QueryExpression ParseOr()
    {
        var left = ParseAnd();
        while (Accept("OR"))
        {
            CountLogical();
            left = new QueryExpression.Or(left, ParseAnd());
        }

        return left;
    }

    private QueryExpression ParseAnd()
    {
        var left = ParseNot();
        while (Accept("AND"))
        {
            CountLogical();
            left = new QueryExpression.And(left, ParseNot());
        }

        return left;
    }

    private QueryExpression ParseNot() => Accept("NOT") ? new QueryExpression.Not(ParseNot()) : ParseComparison();

    private QueryExpression ParseComparison()
    {
        var left = ParseOperand();
        if (Current.Kind == QueryTokenKind.Symbol && Current.Text is "=" or "!=" or "<>" or "<" or ">" or "<=" or ">=")
        {
            var op = Current.Text == "<>" ? "!=" : Current.Text;
            _next++;
            return new QueryExpression.Compare(op, left, ParseOperand());
        }

        if (Current.IsKeyword("NOT") && _tokens[_next + 1].IsKeyword("IN"))
        {
            _next += 2;
            return new QueryExpression.In(left, ParseList(), Negated: true);
        }

        if (Accept("IN"))
        {
            return new QueryExpression.In(left, ParseList(), Negated: false);
        }

        return Accept("NIN") ? new QueryExpression.In(left, ParseList(), Negated: true) : left;
    }

    private QueryExpression ParseOperand()
    {
        var token = Current;
        if (token.IsSymbol("("))
        {
            _next++;
            var inner = ParseOr();
            ExpectSymbol(")");
            return inner;
        }

        if (token.Kind is QueryTokenKind.String or QueryTokenKind.Number || token.IsSymbol("-") || token.IsKeyword("TRUE") || token.IsKeyword("FALSE") || token.IsKeyword("NULL"))
        {
            return new QueryExpression.Literal(ParseLiteral());
        }

        if (token.Kind == QueryTokenKind.Identifier && _tokens[_next + 1].IsSymbol("("))
        {
            var name = token.Text.ToUpperInvariant();
            if (!QueryFunctions.IsKnown(name))
            {
                throw Fail($"the function {token.Text} is not supported");
            }

            _next += 2;
            var arguments = new List<QueryExpression>();
            if (!Current.IsSymbol(")"))
            {
                do
                {
                    arguments.Add(ParseOperand());
                }
                while (AcceptSymbol(","));
            }

            ExpectSymbol(")");
            return new QueryExpression.Function(name, arguments);
        }

        return ParsePath();
    }

    private object? ParseLiteral()
    {
        var token = Current;
        _next++;
        if (token.IsSymbol("-"))
        {
            var number = Current.Kind == QueryTokenKind.Number ? Current.Number : throw Fail("expecting a number after '-'");
            _next++;
            return -number;
        }

        return token.Kind switch
        {
            QueryTokenKind.String => token.Text,
            QueryTokenKind.Number => token.Number,
            _ when token.IsKeyword("TRUE") => true,
            _ when token.IsKeyword("FALSE") => false,
            _ when token.IsKeyword("NULL") => null,
            _ => throw QueryLexer.Error(token.Position, $"expecting a value at '{token.Text}'"),
        };
    }

    private List<object?> ParseList()
    {
        ExpectSymbol("[");
        var values = new List<object?>();
        if (!Current.IsSymbol("]"))
        {
            do
            {
                values.Add(ParseLiteral());
            }
            while (AcceptSymbol(","));
        }

        ExpectSymbol("]");
        if (values.Count > MaxListLength)
        {
            throw new QueryException($"IN and NIN take at most {MaxListLength} values.");
        }

        return values;
    }

    private QueryExpression.Path ParsePath()
    {
        var segments = new List<string> { Identifier() };
        while (AcceptSymbol("."))
        {
            segments.Add(Current.Kind == QueryTokenKind.Identifier ? Identifier(allowReserved: true) : throw Fail("expecting a property name after '.'"));
        }

        return new QueryExpression.Path(segments);
    }

    private string? OptionalAlias() =>
        Current.Kind == QueryTokenKind.Identifier && !Reserved.Contains(Current.Text) ? Identifier() : null;

    private string Identifier(bool allowReserved = false)
    {
        var token = Current;
        if (token.Kind != QueryTokenKind.Identifier || (!allowReserved && Reserved.Contains(token.Text) && !token.Text.StartsWith('$')))
        {
            throw Fail(token.Kind == QueryTokenKind.End ? "unexpected end of the query" : $"expecting a name at '{token.Text}'");
        }

        _next++;
        return token.Text;
    }

    private void CountLogical()
    {
        if (++_logical > MaxLogicalOperators)
        {
            throw new QueryException($"A query has at most {MaxLogicalOperators} AND and OR operators.");
        }
    }

    private bool Accept(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }

        _next++;
        return true;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        _next++;
        return true;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword))
        {
            throw Fail($"missing {keyword} at '{(Current.Kind == QueryTokenKind.End ? "<EOF>" : Current.Text)}'");
        }
    }

    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Fail($"expecting '{symbol}' at '{(Current.Kind == QueryTokenKind.End ? "<EOF>" : Current.Text)}'");
        }
    }

    private QueryException Fail(string message) => QueryLexer.Error(Current.Position, message);
}
