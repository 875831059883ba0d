using System.Text.Json.Nodes;
using Orleans;
using UrbanTwin.Grains.Abstractions.DigitalTwins;
using UrbanTwin.TwinApi.DigitalTwins.Graph;
using UrbanTwin.TwinApi.DigitalTwins.Http;
using UrbanTwin.TwinApi.DigitalTwins.Models;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// Creates, reads, patches, lists and deletes relationships, stored with their source twin's
/// shard. A relationship must be declared by its source's model (its name, and its target's model
/// when it names one, at most its <c>maxMultiplicity</c> per source), may hold only the properties
/// that declaration lists (each of its schema), may not loop to its source, and is seen only by a
/// caller who sees both its twins.
/// </summary>
public sealed class RelationshipService(IGrainFactory grains, TwinGraphIndex index, DigitalTwinService twins, ModelCatalog models)
{
    public async Task<(JsonObject? Relationship, AdtError? Error)> PutAsync(string sourceId, string relationshipId, JsonNode? body, bool ifNoneMatch, TwinScope scope)
    {
        if (!DigitalTwinService.IsValidId(relationshipId))
        {
            return (null, AdtErrors.InvalidArgument($"A relationship id has 1 to {DigitalTwinService.MaxIdLength} characters, none of them control characters."));
        }

        var targetId = (body as JsonObject)?["$targetId"] is JsonValue t && t.TryGetValue<string>(out var tid) ? tid : null;
        var name = (body as JsonObject)?["$relationshipName"] is JsonValue n && n.TryGetValue<string>(out var rn) ? rn : null;
        if (body is not JsonObject content || targetId is null || name is null)
        {
            return (null, AdtErrors.InvalidArgument("A relationship is an object with a $targetId and a $relationshipName."));
        }

        if (await twins.ReadAsync(sourceId, scope) is not { } source)
        {
            return (null, AdtErrors.TwinNotFound(sourceId));
        }

        if (await twins.ReadAsync(targetId, scope) is not { } target)
        {
            return (null, AdtErrors.TargetTwinNotFound(targetId));
        }

        if (targetId == sourceId)
        {
            return (null, AdtErrors.OperationNotAllowed("A relationship may not start and end at the same twin."));
        }

        var existing = await grains.ShardOf(sourceId).GetRelationshipsAsync(sourceId);
        if (await CheckAsync(source, target, name, relationshipId, content, existing) is { } invalid)
        {
            return (null, invalid);
        }

        var relationship = new JsonObject
        {
            ["$relationshipId"] = relationshipId,
            ["$etag"] = AdtJson.NewETag(),
            ["$sourceId"] = sourceId,
            ["$targetId"] = targetId,
            ["$relationshipName"] = name,
        };
        foreach (var (key, value) in content)
        {
            if (!key.StartsWith('$'))
            {
                relationship[key] = value?.DeepClone();
            }
        }

        var outcome = await StoreAsync(relationship, ifMatch: null, ifNoneMatch);
        return outcome == GraphWriteOutcome.PreconditionFailed ? (null, AdtErrors.PreconditionFailed()) : (relationship, null);
    }

    /// <summary>The relationship if the caller sees it (its source and its target).</summary>
    public async Task<IndexedRelationship?> ReadAsync(string sourceId, string relationshipId, TwinScope scope) =>
        (await FindAsync(sourceId, relationshipId, scope))?.Relationship;

    /// <summary>The source's relationships the caller sees (none when it does not see the source), optionally of one name.</summary>
    public async Task<List<IndexedRelationship>?> ListAsync(string sourceId, string? name, TwinScope scope)
    {
        if (await twins.ReadAsync(sourceId, scope) is null)
        {
            return null;
        }

        var visible = new List<IndexedRelationship>();
        foreach (var entry in await grains.ShardOf(sourceId).GetRelationshipsAsync(sourceId))
        {
            if ((name is null || entry.Name == name) && (!scope.IsLimited || await twins.ReadAsync(entry.TargetId!, scope) is not null))
            {
                visible.Add(Indexed(entry));
            }
        }

        visible.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return visible;
    }

    /// <summary>The relationships to the twin whose sources the caller sees (none when it does not see the twin).</summary>
    public async Task<List<IndexedRelationship>?> IncomingAsync(string targetId, TwinScope scope)
    {
        if (await twins.ReadAsync(targetId, scope) is null)
        {
            return null;
        }

        var visible = new List<IndexedRelationship>();
        foreach (var relationship in index.IncomingOf(targetId))
        {
            if (!scope.IsLimited || await twins.ReadAsync(relationship.SourceId, scope) is not null)
            {
                visible.Add(relationship);
            }
        }

        visible.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return visible;
    }

    public async Task<(string? ETag, AdtError? Error)> PatchAsync(string sourceId, string relationshipId, JsonNode? body, string? ifMatch, TwinScope scope)
    {
        if (JsonPatch.Parse(body, out var invalid) is not { } patch)
        {
            return (null, AdtErrors.JsonPatchInvalid(invalid!));
        }

        if (await FindAsync(sourceId, relationshipId, scope) is not var (source, relationship))
        {
            return (null, AdtErrors.RelationshipNotFound(sourceId, relationshipId));
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch != relationship.ETag)
        {
            return (null, AdtErrors.PreconditionFailed());
        }

        if (patch.Paths.Any(p => p[0].StartsWith('$')))
        {
            return (null, AdtErrors.JsonPatchInvalid("A relationship's $-members cannot be patched: only its properties."));
        }

        var patched = (JsonObject)relationship.Document.DeepClone();
        if (patch.ApplyTo(patched) is { } failed)
        {
            return (null, AdtErrors.JsonPatchInvalid(failed));
        }

        var (declared, undeclared) = Declared(await models.CurrentAsync(), source, relationship.Name);
        if ((undeclared ?? CheckProperties(patched, declared!, source.ModelId)) is { } problem)
        {
            return (null, problem);
        }

        patched["$etag"] = AdtJson.NewETag();
        return (await StoreAsync(patched, relationship.ETag, ifNoneMatch: false)) switch
        {
            GraphWriteOutcome.Written => ((string)patched["$etag"]!, null),
            GraphWriteOutcome.NotFound => (null, AdtErrors.RelationshipNotFound(sourceId, relationshipId)),
            _ => (null, AdtErrors.PreconditionFailed()),
        };
    }

    public async Task<AdtError?> DeleteAsync(string sourceId, string relationshipId, string? ifMatch, TwinScope scope)
    {
        if (await ReadAsync(sourceId, relationshipId, scope) is not { } relationship)
        {
            return AdtErrors.RelationshipNotFound(sourceId, relationshipId);
        }

        var (outcome, row) = await grains.ShardOf(sourceId).WriteAsync(new GraphWrite(relationship.Key, null, ifMatch, IfNoneMatch: false));
        if (outcome == GraphWriteOutcome.Written)
        {
            index.Remove(relationship.Key, row);
        }

        return outcome switch
        {
            GraphWriteOutcome.Written => null,
            GraphWriteOutcome.NotFound => AdtErrors.RelationshipNotFound(sourceId, relationshipId),
            _ => AdtErrors.PreconditionFailed(),
        };
    }

    private async Task<AdtError?> CheckAsync(TwinRead source, TwinRead target, string name, string relationshipId, JsonObject content, IReadOnlyList<GraphEntry> existing)
    {
        var snapshot = await models.CurrentAsync();
        var (found, undeclared) = Declared(snapshot, source, name);
        if (found is not { } declared)
        {
            return undeclared;
        }

        if (declared.Target is { } targetModel && snapshot.Resolve(target.ModelId)?.IsA(targetModel) != true)
        {
            return AdtErrors.ValidationFailed($"'{name}' relationships of {source.ModelId} target {targetModel} twins; {target.Id} is a {target.ModelId}.");
        }

        if (declared.MaxMultiplicity is { } max && existing.Count(e => e.Name == name && e.RelationshipId != relationshipId) >= max)
        {
            return AdtErrors.ValidationFailed($"{source.Id} already has {max} '{name}' relationship(s), the most its model allows.");
        }

        return CheckProperties(content, declared, source.ModelId);
    }

    /// <summary>The declaration of the source model's relationship <paramref name="name"/>, or the error when it declares none.</summary>
    private static (DtdlContent? Declared, AdtError? Error) Declared(ModelSnapshot snapshot, TwinRead source, string name) =>
        snapshot.Resolve(source.ModelId)?.Find(name, DtdlContentKind.Relationship) is { } declared
            ? (declared, null)
            : (null, AdtErrors.ValidationFailed($"The model {source.ModelId} declares no relationship '{name}'."));

    /// <summary>The relationship and its source twin if the caller sees the relationship (its source and its target).</summary>
    private async Task<(TwinRead Source, IndexedRelationship Relationship)?> FindAsync(string sourceId, string relationshipId, TwinScope scope)
    {
        if (!DigitalTwinService.IsValidId(sourceId) || !DigitalTwinService.IsValidId(relationshipId) || await twins.ReadAsync(sourceId, scope) is not { } source)
        {
            return null;
        }

        var entry = await grains.ShardOf(sourceId).GetAsync(GraphEntry.RelationshipKey(sourceId, relationshipId));
        return entry is not null && await twins.ReadAsync(entry.TargetId!, scope) is not null ? (source, Indexed(entry)) : null;
    }

    /// <summary>Each of the relationship's own members (not its <c>$</c>-members) a property its declaration lists, of that property's schema.</summary>
    private static AdtError? CheckProperties(JsonObject relationship, DtdlContent declared, string? sourceModel)
    {
        var errors = new List<string>();
        foreach (var (key, value) in relationship)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            if (declared.Properties?.TryGetValue(key, out var schema) == true)
            {
                SchemaValues.Check(value, schema, key, errors);
            }
            else
            {
                errors.Add($"{key}: '{declared.Name}' relationships of {sourceModel} have no property of this name");
            }
        }

        return errors.Count > 0 ? AdtErrors.ValidationFailed("Invalid relationship specified: " + string.Join("; ", errors.Take(10))) : null;
    }

    private async Task<GraphWriteOutcome> StoreAsync(JsonObject relationship, string? ifMatch, bool ifNoneMatch)
    {
        var sourceId = (string)relationship["$sourceId"]!;
        var relationshipId = (string)relationship["$relationshipId"]!;
        var entry = new GraphEntry(
            GraphEntry.RelationshipKey(sourceId, relationshipId),
            (string)relationship["$etag"]!,
            sourceId,
            relationshipId,
            (string)relationship["$relationshipName"]!,
            (string)relationship["$targetId"]!,
            relationship.ToJsonString(AdtJson.Options),
            AreaCode: null);
        var (outcome, row) = await grains.ShardOf(sourceId).WriteAsync(new GraphWrite(entry.Key, entry, ifMatch, ifNoneMatch));
        if (outcome == GraphWriteOutcome.Written)
        {
            index.Put(Indexed(entry), row);
        }

        return outcome;
    }

    private static IndexedRelationship Indexed(GraphEntry entry) =>
        new(entry.Key, entry.RelationshipId!, entry.SourceId, entry.TargetId!, entry.Name!, (JsonObject)JsonNode.Parse(entry.Json)!, entry.ETag);
}
