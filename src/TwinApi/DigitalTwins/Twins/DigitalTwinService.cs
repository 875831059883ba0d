using System.Text.Json.Nodes;
using Orleans;
using UrbanTwin.Grains.Abstractions.DigitalTwins;
using UrbanTwin.TwinApi.DigitalTwins.Graph;
using UrbanTwin.TwinApi.DigitalTwins.Http;
using UrbanTwin.TwinApi.DigitalTwins.Models;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// Reads, creates, replaces and deletes digital twins. Ids name either a stored twin (the graph
/// shards) or an asset (its grain): stored twins are looked for first. Asset twins are made and
/// ended through the fleet API; here they are read and patched (<see cref="TwinPatcher"/>). Every
/// operation sees only what the caller's <see cref="TwinScope"/> sees: a twin outside it is
/// answered as one that does not exist, and a write that would put a twin outside it is refused.
/// </summary>
public sealed class DigitalTwinService(IGrainFactory grains, TwinGraphIndex index, AssetTwinSet assets, ModelCatalog models, TimeProvider time)
{
    public const int MaxIdLength = 256;

    public static bool IsValidId(string id) => id.Length is > 0 and <= MaxIdLength && !id.Any(char.IsControl);

    /// <summary>The twin if it exists and the caller sees it.</summary>
    public async Task<TwinRead?> ReadAsync(string id, TwinScope scope)
    {
        if (!IsValidId(id))
        {
            return null;
        }

        if (await grains.ShardOf(id).GetAsync(id) is { } entry)
        {
            return scope.CanSee(entry.AreaCode) ? new TwinRead(id, entry.ETag, entry.AreaCode, entry.Json, null, isAsset: false) : null;
        }

        if (await assets.FindAsync(id) is { } asset && scope.CanSee(asset.AreaCode))
        {
            return new TwinRead(id, asset.ETag, asset.AreaCode, null, asset.Document, isAsset: true);
        }

        return null;
    }

    /// <summary>
    /// The stored twin as this node's index holds it, if the caller sees it there: what a write
    /// may start from without reading the shard, as long as it stores only if the shard still has
    /// this twin's ETag (the index may trail writes made through other nodes).
    /// </summary>
    public TwinRead? ReadIndexed(string id, TwinScope scope) =>
        index.Find(id) is { } twin && scope.CanSee(twin.AreaCode) ? new TwinRead(id, twin.ETag, twin.AreaCode, null, twin.Document, isAsset: false) : null;

    public async Task<(TwinRead? Twin, AdtError? Error)> PutAsync(string id, JsonNode? body, bool ifNoneMatch, TwinScope scope)
    {
        if (!IsValidId(id))
        {
            return (null, AdtErrors.InvalidArgument($"A twin id has 1 to {MaxIdLength} characters, none of them control characters."));
        }

        if (body is not JsonObject content)
        {
            return (null, AdtErrors.InvalidArgument("The twin must be a JSON object."));
        }

        var snapshot = await models.CurrentAsync();
        var (model, problem) = CheckContent(content, snapshot, creating: true);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (await assets.ExistsAsync(id))
        {
            return (null, AdtErrors.OperationNotAllowed($"{id} is an asset's twin: assets are registered through /api/assets, and their twins changed with PATCH."));
        }

        var area = AreaOf(content);
        var existing = await grains.ShardOf(id).GetAsync(id);
        if (!scope.CanSee(area) || (existing is not null && !scope.CanSee(existing.AreaCode)))
        {
            return (null, AdtErrors.OutOfScope($"the twin {id} in area '{area ?? "(none)"}'"));
        }

        content = (JsonObject)content.DeepClone();
        var twin = TwinEnvelope.Seal(id, content, model!, (_, _) => true, time.GetUtcNow());
        var outcome = await StoreAsync(twin, area, ifMatch: null, ifNoneMatch);
        return outcome == GraphWriteOutcome.PreconditionFailed ? (null, AdtErrors.PreconditionFailed()) : (new TwinRead(id, (string)twin["$etag"]!, area, null, twin, isAsset: false), null);
    }

    public async Task<AdtError?> DeleteAsync(string id, string? ifMatch, TwinScope scope)
    {
        if (await ReadAsync(id, scope) is not { } twin)
        {
            return AdtErrors.TwinNotFound(id);
        }

        if (twin.IsAsset)
        {
            return AdtErrors.OperationNotAllowed($"{id} is an asset's twin: decommission the asset through DELETE /api/assets/{id}.");
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch != twin.ETag)
        {
            return AdtErrors.PreconditionFailed();
        }

        if (index.HasRelationships(id) || (await grains.ShardOf(id).GetRelationshipsAsync(id)).Count > 0)
        {
            return AdtErrors.RelationshipsNotDeleted(id);
        }

        var (outcome, row) = await grains.ShardOf(id).WriteAsync(new GraphWrite(id, null, ifMatch, IfNoneMatch: false));
        if (outcome == GraphWriteOutcome.PreconditionFailed)
        {
            return AdtErrors.PreconditionFailed();
        }

        index.Remove(id, row);
        return outcome == GraphWriteOutcome.NotFound ? AdtErrors.TwinNotFound(id) : null;
    }

    /// <summary>Stores a sealed twin if the stored one still has <paramref name="ifMatch"/> (null: whatever is stored), and indexes it.</summary>
    internal async Task<GraphWriteOutcome> StoreAsync(JsonObject twin, string? area, string? ifMatch, bool ifNoneMatch)
    {
        var id = (string)twin["$dtId"]!;
        var etag = (string)twin["$etag"]!;
        var entry = new GraphEntry(id, etag, id, null, null, null, twin.ToJsonString(AdtJson.Options), area);
        var (outcome, row) = await grains.ShardOf(id).WriteAsync(new GraphWrite(id, entry, ifMatch, ifNoneMatch));
        if (outcome == GraphWriteOutcome.Written)
        {
            index.Put(IndexedTwin.FromDocument(twin, isAsset: false), row);
        }

        return outcome;
    }

    /// <summary>The model of twin content (its <c>$metadata.$model</c>), checked against the content; on a problem, the error to answer with.</summary>
    internal static (ResolvedModel? Model, AdtError? Error) CheckContent(JsonObject content, ModelSnapshot snapshot, bool creating)
    {
        var modelId = (content["$metadata"] as JsonObject)?["$model"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (modelId is null)
        {
            return (null, AdtErrors.ValidationFailed("Invalid twin specified: $metadata.$model is required."));
        }

        if (snapshot.Find(modelId) is not { } entry)
        {
            return (null, AdtErrors.ValidationFailed($"Invalid twin specified: {modelId} or one of its dependencies does not exist."));
        }

        if (creating && entry.Decommissioned)
        {
            return (null, AdtErrors.ModelDecommissioned(modelId));
        }

        if (entry.Model.IsA(AssetModels.Asset))
        {
            return (null, AdtErrors.OperationNotAllowed($"Twins of {modelId} are assets' twins: assets are registered through /api/assets."));
        }

        var errors = TwinValidator.Validate(content, entry.Model, snapshot);
        return errors.Count > 0
            ? (null, AdtErrors.ValidationFailed("Invalid twin specified: " + string.Join("; ", errors.Take(10))))
            : (entry.Model, null);
    }

    internal static string? AreaOf(JsonObject twin) => twin["areaCode"] is JsonValue v && v.TryGetValue<string>(out var area) ? area : null;
}
