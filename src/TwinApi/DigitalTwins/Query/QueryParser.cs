namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// Parses the subset of the Azure Digital Twins query language this node answers (docs/adt.md):
/// <c>SELECT * | COUNT() | TOP(n) ... | projections FROM DIGITALTWINS|RELATIONSHIPS [alias]</c>,
/// <c>JOIN ... RELATED ...</c> (at most <see cref="MaxJoins"/>) or one <c>MATCH</c> of single hops,
/// and <c>WHERE</c> with comparisons, <c>IN</c>/<c>NIN</c>, <c>AND</c>/<c>OR</c>/<c>NOT</c> and the
/// functions of <see cref="QueryFunctions"/>. Anything else is refused with what was not understood.
/// </summary>
public sealed partial class QueryParser
{
    public const int MaxLength = 8000;
    public const int MaxJoins = 5;
    public const int MaxLogicalOperators = 50;
    public const int MaxListLength = 100;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "JOIN", "RELATED", "MATCH", "AND", "OR", "NOT", "IN", "NIN", "AS", "TOP", "COUNT", "DIGITALTWINS", "RELATIONSHIPS", "TRUE", "FALSE", "NULL",
    };

    private readonly List<QueryToken> _tokens;
    private int _next;
    private int _logical;

    private QueryParser(List<QueryToken> tokens) => _tokens = tokens;

    private QueryToken Current => _tokens[_next];

    public static TwinQuery Parse(string query)
    {
        if (query.Length > MaxLength)
        {
            throw new QueryException($"A query has at most {MaxLength} characters.");
        }

        return new QueryParser(QueryLexer.Tokenize(query)).ParseQuery();
    }

    private TwinQuery ParseQuery()
    {
        Expect("SELECT");
        var select = ParseSelect();
        Expect("FROM");
        bool relationships;
        if (Accept("DIGITALTWINS"))
        {
            relationships = false;
        }
        else if (Accept("RELATIONSHIPS"))
        {
            relationships = true;
        }
        else
        {
            throw Fail("expecting DIGITALTWINS or RELATIONSHIPS");
        }

        var alias = OptionalAlias();
        QueryMatch? match = null;
        var joins = new List<QueryJoin>();
        if (Current.IsKeyword("MATCH"))
        {
            match = ParseMatch();
        }

        while (Accept("JOIN"))
        {
            joins.Add(ParseJoin());
        }

        if (joins.Count > MaxJoins)
        {
            throw new QueryException($"A query has at most {MaxJoins} JOINs.");
        }

        if ((relationships && (match is not null || joins.Count > 0)) || (match is not null && joins.Count > 0))
        {
            throw new QueryException("A query may have JOINs or one MATCH, over DIGITALTWINS only.");
        }

        var where = Accept("WHERE") ? ParseOr() : null;
        if (Current.Kind != QueryTokenKind.End)
        {
            throw Fail($"unexpected '{Current.Text}'");
        }

        if (select.Star && (match is not null || joins.Count > 0))
        {
            throw new QueryException("SELECT * cannot be used with JOIN or MATCH: select the aliases wanted.");
        }

        return new TwinQuery(select, relationships, alias, joins, match, where);
    }

    private QuerySelect ParseSelect()
    {
        int? top = null;
        if (Accept("TOP"))
        {
            ExpectSymbol("(");
            if (Current.Kind != QueryTokenKind.Number || Current.Number < 1 || Current.Number != Math.Floor(Current.Number))
            {
                throw Fail("TOP takes a whole number of at least 1");
            }

            top = (int)Math.Min(Current.Number, int.MaxValue);
            _next++;
            ExpectSymbol(")");
        }

        if (Current.IsSymbol("*"))
        {
            _next++;
            return new QuerySelect(true, false, top, []);
        }

        if (top is null && Current.IsKeyword("COUNT") && _tokens[_next + 1].IsSymbol("("))
        {
            _next++;
            ExpectSymbol("(");
            ExpectSymbol(")");
            return new QuerySelect(false, true, null, []);
        }

        var projections = new List<QueryProjection>();
        do
        {
            var path = ParsePath();
            var name = Accept("AS") ? Identifier() : path.Segments[^1];
            projections.Add(new QueryProjection(path, name));
        }
        while (AcceptSymbol(","));
        return new QuerySelect(false, false, top, projections);
    }

    private QueryJoin ParseJoin()
    {
        var alias = Identifier();
        Expect("RELATED");
        var source = Identifier();
        ExpectSymbol(".");
        var relationship = Identifier();
        return new QueryJoin(alias, source, relationship, OptionalAlias());
    }

    private QueryMatch ParseMatch()
    {
        Expect("MATCH");
        var nodes = new List<string> { ParseNode() };
        var hops = new List<QueryHop>();
        while (Current.IsSymbol("-") || Current.IsSymbol("<"))
        {
            var backward = AcceptSymbol("<");
            ExpectSymbol("-");
            ExpectSymbol("[");
            string? alias = null;
            if (Current.Kind == QueryTokenKind.Identifier)
            {
                alias = Identifier();
            }

            var names = new List<string>();
            if (AcceptSymbol(":"))
            {
                do
                {
                    names.Add(Identifier());
                }
                while (AcceptSymbol("|"));
            }

            if (Current.IsSymbol("*"))
            {
                throw new QueryException("Variable hops (*) in MATCH are not supported by this node: give each hop on its own.");
            }

            ExpectSymbol("]");
            ExpectSymbol("-");
            var forward = AcceptSymbol(">");
            if (backward && forward)
            {
                throw Fail("a hop cannot point both ways");
            }

            hops.Add(new QueryHop(alias, names, forward ? QueryDirection.Forward : backward ? QueryDirection.Backward : QueryDirection.Either));
            nodes.Add(ParseNode());
        }

        if (hops.Count == 0)
        {
            throw Fail("MATCH needs at least one hop, (a)-[]->(b)");
        }

        var aliases = nodes.Concat(hops.Select(h => h.Alias).OfType<string>()).ToList();
        if (aliases.Distinct(StringComparer.Ordinal).Count() != aliases.Count)
        {
            throw new QueryException("Each twin and relationship of a MATCH needs an alias of its own.");
        }

        return new QueryMatch(nodes, hops);
    }

    private string ParseNode()
    {
        ExpectSymbol("(");
        var alias = Identifier();
        ExpectSymbol(")");
        return alias;
    }
}
