using System.Text.Json.Nodes;
using UrbanTwin.Grains.Abstractions.DigitalTwins;
using UrbanTwin.TwinApi.DigitalTwins.Http;
using UrbanTwin.TwinApi.DigitalTwins.Models;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// Applies JSON Patches to twins (a whole twin, or one component's members). A stored twin is
/// patched on a copy, checked against its model (which the patch may change), sealed and stored
/// only if nobody changed it meanwhile (its ETag), else read from its shard and patched again. An asset twin
/// takes patches of its writable properties only (<see cref="AssetTwinPatch"/>).
/// </summary>
public sealed class TwinPatcher(DigitalTwinService twins, AssetTwinPatch assetPatch, ModelCatalog models, TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary>Patches the twin; its new ETag, or the error to answer with.</summary>
    public async Task<(string? ETag, AdtError? Error)> PatchAsync(string id, string? component, JsonNode? body, string? ifMatch, TwinScope scope)
    {
        if (JsonPatch.Parse(body, out var invalid) is not { } patch)
        {
            return (null, AdtErrors.JsonPatchInvalid(invalid!));
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // First from this node's index when it has the twin at the caller's ETag (the store
            // below is conditional on that ETag, so a copy that trails the shard only costs a retry),
            // then from the shard.
            var indexed = attempt == 0 ? twins.ReadIndexed(id, scope) : null;
            var current = indexed is not null && (ifMatch is null || ifMatch == "*" || ifMatch == indexed.ETag) ? indexed : await twins.ReadAsync(id, scope);
            if (current is not { } twin)
            {
                return (null, AdtErrors.TwinNotFound(id));
            }

            if (ifMatch is not null && ifMatch != "*" && ifMatch != twin.ETag)
            {
                return (null, AdtErrors.PreconditionFailed());
            }

            if (component is not null && twin.Document[component] is not JsonObject)
            {
                return (null, AdtErrors.ComponentNotFound(id, component));
            }

            var scoped = component is null ? patch : patch.Under(component);
            if (twin.IsAsset)
            {
                return await assetPatch.ApplyAsync(id, scoped);
            }

            var (content, error) = Patched(twin, scoped);
            if (error is not null)
            {
                return (null, error);
            }

            var (model, problem) = DigitalTwinService.CheckContent(content!, await models.CurrentAsync(), creating: false);
            if (problem is not null)
            {
                return (null, problem);
            }

            var area = DigitalTwinService.AreaOf(content!);
            if (!scope.CanSee(area))
            {
                return (null, AdtErrors.OutOfScope($"area '{area ?? "(none)"}'"));
            }

            var touched = scoped.Paths.ToList();
            var sealedTwin = TwinEnvelope.Seal(id, content!, model!, (first, second) => touched.Exists(p => Touches(p, first, second)), time.GetUtcNow());
            switch (await twins.StoreAsync(sealedTwin, area, ifMatch: twin.ETag, ifNoneMatch: false))
            {
                case GraphWriteOutcome.Written:
                    return ((string)sealedTwin["$etag"]!, null);
                case GraphWriteOutcome.NotFound:
                    return (null, AdtErrors.TwinNotFound(id));
            }

            // Changed meanwhile: the caller's If-Match no longer holds; without one, patch the new twin.
            if (ifMatch is not null && ifMatch != "*")
            {
                return (null, AdtErrors.PreconditionFailed());
            }
        }

        return (null, AdtErrors.PreconditionFailed());
    }

    private static (JsonObject? Content, AdtError? Error) Patched(TwinRead twin, JsonPatch patch)
    {
        foreach (var path in patch.Paths)
        {
            if (path[0] is "$dtId" or "$etag" || (path[0] == "$metadata" && !(path is ["$metadata", "$model"] or ["$metadata", _, "sourceTime"])))
            {
                return (null, AdtErrors.JsonPatchInvalid($"/{string.Join('/', path)} cannot be patched (only properties, components, $metadata/$model and sourceTimes)."));
            }
        }

        var content = (JsonObject)twin.Document.DeepClone();
        content.Remove("$dtId");
        content.Remove("$etag");
        return patch.ApplyTo(content) is { } failed ? (null, AdtErrors.JsonPatchInvalid(failed)) : (content, null);
    }

    /// <summary>Whether an operation's path writes the property <paramref name="first"/> (or the member <paramref name="second"/> of the component <paramref name="first"/>).</summary>
    private static bool Touches(string[] path, string first, string? second)
    {
        var offset = path[0] == "$metadata" ? 1 : 0;
        if (path.Length <= offset || path[offset] != first)
        {
            return false;
        }

        return second is null || path.Length == offset + 1 || path[offset + 1] == second || (path[offset + 1] == "$metadata" && path.Length > offset + 2 && path[offset + 2] == second);
    }
}
