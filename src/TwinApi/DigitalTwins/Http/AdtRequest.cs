using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>What the twin API reads from a request besides its route: the body as JSON, the conditional headers, the page size, and where next links point.</summary>
public static class AdtRequest
{
    public const string MaxItemsPerPage = "max-items-per-page";

    /// <summary>The body as JSON; null with an error when it is not JSON.</summary>
    public static async Task<(JsonNode? Body, AdtError? Error)> BodyAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, documentOptions: ApiJson.DocumentOptions, cancellationToken: request.HttpContext.RequestAborted);
            return (node, null);
        }
        catch (JsonException e)
        {
            return (null, AdtErrors.InvalidArgument($"The body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>If-None-Match: absent, or <c>*</c> (the only value the service takes).</summary>
    public static (bool IfNoneMatch, AdtError? Error) IfNoneMatch(HttpRequest request)
    {
        var value = request.Headers[HeaderNames.IfNoneMatch].ToString();
        return value.Length == 0 ? (false, null)
            : value.Trim() == "*" ? (true, null)
            : (false, AdtErrors.InvalidArgument("Invalid If-None-Match header value. Allowed value(s): If-None-Match: *"));
    }

    /// <summary>If-Match: absent, <c>*</c>, or one ETag (weak or strong, as sent back).</summary>
    public static (string? IfMatch, AdtError? Error) IfMatch(HttpRequest request)
    {
        var value = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        return value.Length == 0 ? (null, null)
            : value == "*" || (value.EndsWith('"') && (value.StartsWith('"') || value.StartsWith("W/\"", StringComparison.Ordinal)) && value.Length >= 2) ? (value, null)
            : (null, AdtErrors.InvalidArgument("Invalid If-Match header value. Allowed value(s): If-Match: {etag} or If-Match: *"));
    }

    /// <summary>The page size asked for (<c>max-items-per-page</c>), at most <paramref name="cap"/>; the cap when absent or unreadable.</summary>
    public static int PageSize(HttpRequest request, int cap) =>
        int.TryParse(request.Headers[MaxItemsPerPage].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0 ? Math.Min(size, cap) : cap;

    /// <summary>
    /// An absolute https:// link to the next page of the request's own path (the clients refuse
    /// bearer tokens over plain http, and follow next links verbatim, re-adding their own query
    /// parameters and api-version).
    /// </summary>
    public static string NextLink(HttpRequest request, int offset) =>
        string.Create(CultureInfo.InvariantCulture, $"https://{request.Host}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}?continuationToken={offset}");

    /// <summary>Where a page starts: the <c>continuationToken</c> a next link carries; null when it is not one.</summary>
    public static int? Offset(HttpRequest request)
    {
        var token = request.Query["continuationToken"].ToString();
        return token.Length == 0 ? 0 : int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;
    }
}
