using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.DigitalTwins.Graph;
using UrbanTwin.TwinApi.DigitalTwins.Models;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// Evaluates WHERE expressions and projected paths over a <see cref="QueryBinding"/>. A path
/// starts with an alias; in a query over one collection without JOIN or MATCH it may also start
/// with a property of the twin (or relationship) itself (<c>$dtId</c>, <c>name</c>).
/// </summary>
public sealed class QueryEvaluator(ModelSnapshot models, bool singleSource)
{
    public bool Matches(QueryExpression? expression, QueryBinding row) => expression is null || Truth(expression, row);

    /// <summary>The value at a path: a property's JSON node, the bound twin or relationship's document for a bare alias, or <see cref="QueryValues.Undefined"/>.</summary>
    public JsonNode? Node(QueryExpression.Path path, QueryBinding row, out bool defined)
    {
        var (entity, start) = EntityOf(path, row);
        JsonNode? node = entity switch
        {
            IndexedTwin twin => twin.Document,
            IndexedRelationship relationship => relationship.Document,
            _ => null,
        };
        for (var i = start; i < path.Segments.Count; i++)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(path.Segments[i], out node))
            {
                defined = false;
                return null;
            }
        }

        defined = true;
        return node;
    }

    private bool Truth(QueryExpression expression, QueryBinding row) => expression switch
    {
        QueryExpression.And and => Truth(and.Left, row) && Truth(and.Right, row),
        QueryExpression.Or or => Truth(or.Left, row) || Truth(or.Right, row),
        QueryExpression.Not not => !Truth(not.Operand, row),
        QueryExpression.Compare compare => QueryValues.Compare(compare.Operator, Value(compare.Left, row), Value(compare.Right, row)),
        QueryExpression.In inList => Value(inList.Value, row) is var value && !ReferenceEquals(value, QueryValues.Undefined)
            && inList.Values.Any(v => QueryValues.AreEqual(value, v is int i ? (double)i : v)) != inList.Negated,
        QueryExpression.Function { Name: QueryFunctions.IsOfModel } function => IsOfModel(function, row),
        QueryExpression.Function function => QueryFunctions.Call(function.Name, [.. function.Arguments.Select(a => Value(a, row))]),
        QueryExpression.Literal { Value: bool b } => b,
        _ => Value(expression, row) is true,
    };

    private object? Value(QueryExpression expression, QueryBinding row) => expression switch
    {
        QueryExpression.Literal literal => literal.Value,
        QueryExpression.Path path => Node(path, row, out var defined) is var node && defined ? QueryValues.Of(node) : QueryValues.Undefined,
        _ => Truth(expression, row),
    };

    private bool IsOfModel(QueryExpression.Function function, QueryBinding row)
    {
        var (alias, modelId, exact) = ModelTest(function);
        if ((alias is null ? row.Root : row.Find(alias)) is not IndexedTwin twin)
        {
            return false;
        }

        return exact ? twin.ModelId == modelId : models.Resolve(twin.ModelId)?.IsA(modelId) == true;
    }

    /// <summary>The parts of <c>IS_OF_MODEL([alias,] 'dtmi' [, exact])</c>.</summary>
    public static (string? Alias, string ModelId, bool Exact) ModelTest(QueryExpression.Function function)
    {
        var arguments = function.Arguments;
        var alias = arguments.Count > 0 && arguments[0] is QueryExpression.Path { Segments.Count: 1 } first ? first.Segments[0] : null;
        var at = alias is null ? 0 : 1;
        if (arguments.Count <= at || arguments[at] is not QueryExpression.Literal { Value: string modelId })
        {
            throw new QueryException("IS_OF_MODEL takes an optional alias, a model id in quotes, and optionally exact.");
        }

        var exact = arguments.Count == at + 2 && arguments[at + 1] is QueryExpression.Path { Segments: [var word] } && string.Equals(word, "exact", StringComparison.OrdinalIgnoreCase);
        if (arguments.Count > at + 1 + (exact ? 1 : 0))
        {
            throw new QueryException("IS_OF_MODEL takes an optional alias, a model id in quotes, and optionally exact.");
        }

        return (alias, modelId, exact);
    }

    private (object? Entity, int Start) EntityOf(QueryExpression.Path path, QueryBinding row)
    {
        if (row.Find(path.Segments[0]) is { } entity)
        {
            return (entity, 1);
        }

        if (singleSource)
        {
            return (row.Root, 0);
        }

        throw new QueryException($"'{path.Segments[0]}' is not an alias of this query.");
    }
}
