using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.DigitalTwins.Graph;
using UrbanTwin.TwinApi.DigitalTwins.Models;
using UrbanTwin.TwinApi.DigitalTwins.Twins;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// Runs a parsed query over the twins the caller sees: stored twins from the node's
/// <see cref="TwinGraphIndex"/>, asset twins from <see cref="AssetTwinSet"/>. Where the WHERE pins
/// the first twin's <c>$dtId</c> or model (<c>IS_OF_MODEL</c>, ANDed at the top), only those twins
/// are read; otherwise every twin is. JOINs and MATCH hops follow relationships whose both twins the
/// caller sees, so a query never reaches a twin outside the caller's areas.
/// </summary>
public sealed class QueryEngine(TwinGraphIndex index, AssetTwinSet assets, ModelCatalog catalog)
{
    public async Task<QueryResult> RunAsync(TwinQuery query, TwinScope scope, int skip, int take, CancellationToken cancellationToken)
    {
        await index.Loaded.WaitAsync(cancellationToken);
        var models = await catalog.CurrentAsync();
        var plan = new QueryPlan(query, models);
        var needsAssets = query.FromRelationships || query.Joins.Count > 0 || query.Match is not null || plan.RootMayBeAsset;
        var assetTwins = needsAssets ? await assets.AllAsync(cancellationToken) : plan.Ids is { } ids ? await AssetsAmongAsync(ids) : null;
        var run = new Run(query, scope, new QueryEvaluator(models, query.Joins.Count == 0 && query.Match is null), index, assetTwins);

        var wanted = query.Select.Count ? int.MaxValue : Math.Min((long)skip + take + 1, query.Select.Top ?? int.MaxValue);
        var rows = new List<QueryBinding>();
        var count = 0;
        foreach (var root in query.FromRelationships ? run.Relationships() : run.Twins(plan))
        {
            foreach (var row in run.Extend(new QueryBinding(query.RootAlias, root, null)))
            {
                if (!run.Evaluator.Matches(query.Where, row))
                {
                    continue;
                }

                count++;
                if (!query.Select.Count && rows.Count < wanted)
                {
                    rows.Add(row);
                }
            }

            if (!query.Select.Count && rows.Count >= wanted)
            {
                break;
            }
        }

        if (query.Select.Count)
        {
            return new QueryResult(skip == 0 ? [new JsonObject { ["COUNT"] = count }] : [], false, run.Examined);
        }

        var page = rows.Skip(skip).Take(take).Select(row => (JsonNode?)Project(query, run.Evaluator, row)).ToList();
        return new QueryResult(page, rows.Count > skip + take, run.Examined);
    }

    /// <summary>The asset twins among a query's pinned ids (the others are stored twins, or nothing).</summary>
    private async Task<IReadOnlyDictionary<string, IndexedTwin>> AssetsAmongAsync(IReadOnlyList<string> ids)
    {
        var found = new Dictionary<string, IndexedTwin>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (index.Find(id) is null && DigitalTwinService.IsValidId(id) && await assets.FindAsync(id) is { } twin)
            {
                found[id] = twin;
            }
        }

        return found;
    }

    private static JsonObject Project(TwinQuery query, QueryEvaluator evaluator, QueryBinding row)
    {
        if (query.Select.Star)
        {
            return DocumentOf(row.Root);
        }

        var projected = new JsonObject();
        foreach (var projection in query.Select.Projections)
        {
            JsonNode? node;
            bool defined;
            if (projection.Path.Segments.Count == 1 && row.Find(projection.Path.Segments[0]) is { } entity)
            {
                (node, defined) = (DocumentOf(entity), true);
            }
            else
            {
                node = evaluator.Node(projection.Path, row, out defined);
            }

            // A property a row lacks is left out of it.
            if (defined)
            {
                projected[projection.Name] = node?.DeepClone();
            }
        }

        return projected;
    }

    private static JsonObject DocumentOf(object entity) => entity switch
    {
        IndexedTwin twin => twin.Document,
        IndexedRelationship relationship => relationship.Document,
        _ => throw new InvalidOperationException("Unknown entity."),
    };

    /// <summary>One run of a query: the twins it may reach and what it has looked at.</summary>
    private sealed class Run(TwinQuery query, TwinScope scope, QueryEvaluator evaluator, TwinGraphIndex index, IReadOnlyDictionary<string, IndexedTwin>? assets)
    {
        public QueryEvaluator Evaluator => evaluator;

        public int Examined { get; private set; }

        public IEnumerable<object> Twins(QueryPlan plan)
        {
            if (plan.Ids is { } ids)
            {
                foreach (var id in ids)
                {
                    if (Visible(id) is { } twin)
                    {
                        yield return twin;
                    }
                }

                yield break;
            }

            var stored = plan.Models is { } models ? models.SelectMany(m => ReadOfModel(m, plan)) : index.Twins;
            foreach (var twin in stored)
            {
                Examined++;
                if (scope.CanSee(twin.AreaCode))
                {
                    yield return twin;
                }
            }

            if (!plan.RootMayBeAsset || assets is null)
            {
                yield break;
            }

            foreach (var (_, twin) in assets)
            {
                Examined++;
                if ((plan.Models is null || plan.Models.Contains(twin.ModelId)) && scope.CanSee(twin.AreaCode))
                {
                    yield return twin;
                }
            }
        }

        /// <summary>The model's stored twins, only those with the rarest of the values the query pins when it pins some.</summary>
        private IEnumerable<IndexedTwin> ReadOfModel(string model, QueryPlan plan)
        {
            if (plan.Equalities.Count == 0)
            {
                return index.OfModel(model);
            }

            var (property, value) = plan.Equalities.MinBy(e => index.Values.Count(model, e.Property, e.Value));
            return index.Values.Find(model, property, value) ?? [];
        }

        public IEnumerable<object> Relationships()
        {
            foreach (var relationship in index.Relationships)
            {
                Examined++;
                if (Visible(relationship.SourceId) is not null && Visible(relationship.TargetId) is not null)
                {
                    yield return relationship;
                }
            }
        }

        /// <summary>The row extended through every JOIN, or every hop of the MATCH, in every way the graph allows.</summary>
        public IEnumerable<QueryBinding> Extend(QueryBinding row)
        {
            if (query.Match is { } match)
            {
                return Hops(row, match, 0);
            }

            return query.Joins.Count == 0 ? [row] : Joins(row, 0);
        }

        private IEnumerable<QueryBinding> Joins(QueryBinding row, int next)
        {
            if (next == query.Joins.Count)
            {
                yield return row;
                yield break;
            }

            var join = query.Joins[next];
            if (row.Find(join.Source) is not IndexedTwin source)
            {
                throw new QueryException($"JOIN ... RELATED {join.Source}.{join.Relationship}: '{join.Source}' is not a twin alias of this query.");
            }

            foreach (var relationship in index.OutgoingOf(source.Id))
            {
                Examined++;
                if (relationship.Name == join.Relationship && Visible(relationship.TargetId) is { } target)
                {
                    var extended = new QueryBinding(join.Alias, target, join.RelationshipAlias is { } alias ? new QueryBinding(alias, relationship, row) : row);
                    foreach (var full in Joins(extended, next + 1))
                    {
                        yield return full;
                    }
                }
            }
        }

        private IEnumerable<QueryBinding> Hops(QueryBinding row, QueryMatch match, int hop)
        {
            if (hop == match.Hops.Count)
            {
                yield return row;
                yield break;
            }

            var from = (IndexedTwin)row.Find(match.Nodes[hop])!;
            var step = match.Hops[hop];
            foreach (var (relationship, otherId) in Neighbours(from.Id, step.Direction))
            {
                Examined++;
                if ((step.Names.Count == 0 || step.Names.Contains(relationship.Name)) && Visible(otherId) is { } other)
                {
                    var withHop = step.Alias is { } alias ? new QueryBinding(alias, relationship, row) : row;
                    foreach (var full in Hops(new QueryBinding(match.Nodes[hop + 1], other, withHop), match, hop + 1))
                    {
                        yield return full;
                    }
                }
            }
        }

        private IEnumerable<(IndexedRelationship Relationship, string Other)> Neighbours(string twinId, QueryDirection direction)
        {
            if (direction != QueryDirection.Backward)
            {
                foreach (var relationship in index.OutgoingOf(twinId))
                {
                    yield return (relationship, relationship.TargetId);
                }
            }

            if (direction != QueryDirection.Forward)
            {
                foreach (var relationship in index.IncomingOf(twinId))
                {
                    yield return (relationship, relationship.SourceId);
                }
            }
        }

        private IndexedTwin? Visible(string id)
        {
            var twin = index.Find(id) ?? assets?.GetValueOrDefault(id);
            return twin is not null && scope.CanSee(twin.AreaCode) ? twin : null;
        }
    }
}
