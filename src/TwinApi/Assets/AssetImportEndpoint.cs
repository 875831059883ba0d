using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using UrbanTwin.Contracts;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Audit;
using UrbanTwin.TwinApi.Json;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>
/// <c>POST /api/assets/import</c>: many assets at once from CSV (<c>text/csv</c>) or GeoJSON
/// (<c>application/geo+json</c> or <c>application/json</c>). All or nothing: every row is checked
/// (fields, duplicates within the file, ids and devices already taken, the caller's areas) before
/// any is registered, and the answer lists every bad row.
/// </summary>
public static class AssetImportEndpoint
{
    public const int MaxRows = 100_000;
    private const int MaxListedErrors = 1_000;
    // Many writes in flight let the storage commit them in large groups.
    private const int Parallelism = 256;

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(HttpRequest request, Fleet fleet, AreaCatalog areas, AuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        List<AssetRequest> rows;
        try
        {
            var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
            rows = mediaType switch
            {
                "text/csv" => AssetImportParser.ParseCsv(await ReadTextAsync(request, cancellationToken), MaxRows),
                "application/geo+json" or "application/json" => await ParseJsonAsync(request, cancellationToken),
                _ => throw new NotSupportedException(BareStatusDetail.UnsupportedMediaType(request.ContentType, ["text/csv", "application/geo+json"])),
            };
        }
        catch (NotSupportedException ex)
        {
            return ApiProblems.UnsupportedMediaType.Result(ex.Message);
        }
        catch (FormatException ex)
        {
            return ApiProblems.InvalidImport.Result(ex.Message);
        }

        if (rows.Count == 0)
        {
            return ApiProblems.InvalidImport.Result("the import holds no assets");
        }

        var errors = new List<FieldError>();
        var drafts = new (AssetDraft Draft, string? Area)[rows.Count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var devices = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var rowErrors = new List<FieldError>();
            var draft = AssetValidator.Validate(rows[i], rowErrors);
            if (draft is not null)
            {
                if (!ids.Add(draft.Id))
                {
                    rowErrors.Add(new FieldError("id", "appears more than once in the import"));
                }

                if (!devices.Add(draft.DeviceId))
                {
                    rowErrors.Add(new FieldError("deviceId", "appears more than once in the import"));
                }

                var area = areas.AreaOf(draft.Longitude, draft.Latitude);
                if (!user.CanSeeArea(area))
                {
                    rowErrors.Add(new FieldError("location", $"in area '{area ?? "none"}', which this key may not manage"));
                }

                drafts[i] = (draft, area);
            }

            errors.AddRange(rowErrors.Select(e => e with { Row = i + 1, Id = rows[i].Id }));
        }

        // Rows that are valid in themselves are also checked against the fleet, so one answer lists every problem.
        var taken = new ConcurrentBag<FieldError>();
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, _) =>
        {
            if (drafts[i].Draft is not { } draft)
            {
                return;
            }

            if (await fleet.FindAsync(draft.Id) is not null)
            {
                taken.Add(new FieldError("id", "is already registered", i + 1, draft.Id));
            }

            if (!await fleet.DeviceIsFreeAsync(draft.DeviceId, draft.Id))
            {
                taken.Add(new FieldError("deviceId", "reports for another asset", i + 1, draft.Id));
            }
        });
        errors.AddRange(taken);
        errors.Sort((a, b) => (a.Row ?? 0).CompareTo(b.Row ?? 0));

        if (errors.Count > 0)
        {
            return ApiProblems.InvalidImport.Result(
                $"{errors.Count:N0} problem(s) in {errors.Select(e => e.Row).Distinct().Count():N0} of {rows.Count:N0} rows; nothing was imported",
                new Dictionary<string, object?> { ["errors"] = errors.Take(MaxListedErrors).ToList() });
        }

        var secrets = await fleet.RegisterManyAsync(drafts, Parallelism);
        var imported = new ImportResult.ImportedAsset[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            imported[i] = new ImportResult.ImportedAsset(drafts[i].Draft.Id, drafts[i].Draft.DeviceId, secrets[i]);
        }

        var kinds = string.Join(", ", drafts.GroupBy(d => d.Draft.Kind).Select(g => $"{g.Count()} {g.Key.ToSegment()}"));
        await audit.RecordAsync(user, AuditActions.AssetsImported, $"assets:{rows.Count}", kinds);
        return TypedResults.Ok(new ImportResult(rows.Count, imported));
    }

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static async Task<List<AssetRequest>> ParseJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, ApiJson.DocumentOptions, cancellationToken);
            return AssetImportParser.ParseGeoJson(document.RootElement, MaxRows);
        }
        catch (JsonException ex)
        {
            throw new FormatException(JsonBodyError.Describe(ex), ex);
        }
    }
}
