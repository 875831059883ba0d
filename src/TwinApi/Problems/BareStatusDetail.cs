using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>
/// The detail of an answer the framework gives as a bare status code (no route, a method the route
/// does not take, a body over the limit or of a media type the route does not read), which status
/// code pages turn into problem details: said from what the request and its endpoint show, so that
/// these too tell the client what to change.
/// </summary>
public static class BareStatusDetail
{
    public static string For(HttpContext context, int status)
    {
        var request = context.Request;
        return status switch
        {
            StatusCodes.Status404NotFound => $"no route answers {request.Method} {Target(context)}; the routes are listed at /openapi/v1.json",
            StatusCodes.Status405MethodNotAllowed => context.Response.Headers.Allow is { Count: > 0 } allow
                ? $"{request.Path} does not take {request.Method}; it takes {allow}"
                : $"{request.Path} does not take {request.Method}",
            StatusCodes.Status413PayloadTooLarge => context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
                ? string.Create(CultureInfo.InvariantCulture, $"the body is larger than the {limit:N0} bytes a request may have")
                : "the body is larger than a request may have",
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(context),
            // The JSON binder answers a body it could not read with the status alone; with a body, its framing is what broke.
            StatusCodes.Status400BadRequest when context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true }
                => "the body could not be read: it is not framed as the headers say (a malformed chunk, or not the bytes Content-Length announces)",
            _ => $"the server answered {status} {ReasonPhrases.GetReasonPhrase(status)}",
        };
    }

    /// <summary>The path, or the target as sent where there is none (<c>OPTIONS *</c>, <c>CONNECT host:port</c>).</summary>
    private static string Target(HttpContext context) =>
        context.Request.Path.HasValue ? context.Request.Path.Value : context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";

    /// <summary>What to send instead of the request's media type, given the types the route reads.</summary>
    public static string UnsupportedMediaType(string? sent, IReadOnlyList<string> accepted) =>
        $"send Content-Type: {string.Join(" or ", accepted)}{(sent is { Length: > 0 } ? $", not '{sent}'" : "; the request had none")}";

    /// <remarks>
    /// Routing's own 415 (no endpoint reads the request's media type) carries no metadata; in this
    /// API only JSON bodies are bound by the framework (the import reads its body itself).
    /// </remarks>
    private static string UnsupportedMediaType(HttpContext context) =>
        UnsupportedMediaType(context.Request.ContentType, context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } accepted ? accepted : ["application/json"]);
}
