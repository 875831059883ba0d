using UrbanTwin.TwinApi.DigitalTwins.Models;
using UrbanTwin.TwinApi.DigitalTwins.Twins;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// Which twins a query must read first, from what its WHERE pins at the top level (conditions
/// ANDed together) about its first twin: its <c>$dtId</c> (<c>=</c> or <c>IN</c>), or its model
/// (<c>IS_OF_MODEL</c>: that model and those extending it, or that model alone with <c>exact</c>).
/// </summary>
public sealed class QueryPlan
{
    public QueryPlan(TwinQuery query, ModelSnapshot models)
    {
        if (query.FromRelationships)
        {
            return;
        }

        var alias = query.RootAlias;
        var single = query.Joins.Count == 0 && query.Match is null;
        foreach (var condition in Conjuncts(query.Where))
        {
            if (Ids is null && IdsOf(condition, alias, single) is { } ids)
            {
                Ids = ids;
            }
            else if (EqualityOf(condition, alias, single) is { } equality)
            {
                Equalities.Add(equality);
            }
            else if (Models is null && condition is QueryExpression.Function { Name: QueryFunctions.IsOfModel } test)
            {
                var (testAlias, modelId, exact) = QueryEvaluator.ModelTest(test);
                if (testAlias == alias || (testAlias is null && single))
                {
                    Models = new HashSet<string>(models.Entries.Where(e => exact ? e.Id == modelId : e.Model.IsA(modelId)).Select(e => e.Id), StringComparer.Ordinal);
                }
            }
        }

        RootMayBeAsset = Ids is null && (Models is null || Models.Any(id => models.Resolve(id)?.IsA(AssetModels.Asset) == true));
    }

    /// <summary>The only ids the first twin may have, or null.</summary>
    public IReadOnlyList<string>? Ids { get; }

    /// <summary>The only models the first twin may have, or null.</summary>
    public IReadOnlySet<string>? Models { get; }

    /// <summary>Top-level properties of the first twin pinned to a value (<c>T.p = 'v'</c>), with the value's <see cref="Graph.PropertyValueIndex.KeyOf"/>.</summary>
    public List<(string Property, string Value)> Equalities { get; } = [];

    /// <summary>Whether the first twin may be an asset's (when it is pinned by id, the lookup finds either).</summary>
    public bool RootMayBeAsset { get; }

    private static IEnumerable<QueryExpression> Conjuncts(QueryExpression? where) => where switch
    {
        null => [],
        QueryExpression.And and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        _ => [where],
    };

    private static (string Property, string Value)? EqualityOf(QueryExpression condition, string? alias, bool single)
    {
        if (condition is not QueryExpression.Compare { Operator: "=" } compare)
        {
            return null;
        }

        var (path, literal) = compare.Left is QueryExpression.Path p && compare.Right is QueryExpression.Literal l ? (p, l)
            : compare.Right is QueryExpression.Path q && compare.Left is QueryExpression.Literal m ? (q, m) : (null, null);
        var property = path switch
        {
            { Segments: [var only] } when single && only != alias => only,
            { Segments: [var first, var second] } when first == alias => second,
            _ => null,
        };
        return property is null || property.StartsWith('$') || Graph.PropertyValueIndex.KeyOf(literal!.Value) is not { } key ? null : (property, key);
    }

    private static List<string>? IdsOf(QueryExpression condition, string? alias, bool single)
    {
        bool IsId(QueryExpression e) => e is QueryExpression.Path path
            && ((path.Segments.Count == 2 && path.Segments[0] == alias && path.Segments[1] == "$dtId") || (single && path.Segments is ["$dtId"]));

        return condition switch
        {
            QueryExpression.Compare { Operator: "=" } c when IsId(c.Left) && c.Right is QueryExpression.Literal { Value: string id } => [id],
            QueryExpression.Compare { Operator: "=" } c when IsId(c.Right) && c.Left is QueryExpression.Literal { Value: string id } => [id],
            QueryExpression.In { Negated: false } i when IsId(i.Value) => [.. i.Values.OfType<string>().Distinct(StringComparer.Ordinal)],
            _ => null,
        };
    }
}
