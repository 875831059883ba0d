using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// Answers with an open-data document: its strong <c>ETag</c> (<c>If-None-Match</c> with a
/// matching tag gets <c>304 Not Modified</c> and no body), <c>Cache-Control: public, max-age</c>,
/// the licence as <c>Link: &lt;url&gt;; rel="license"</c> beside the catalogue
/// (<c>rel="describedby"</c>), the attribution in an <c>Attribution</c> header, and
/// <c>Access-Control-Allow-Origin: *</c> so any web page may use the data.
/// </summary>
public sealed class OpenDataResult(OpenDataDocument document, OpenDataOptions options) : IResult
{
    public const string AttributionHeader = "Attribution";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var headers = response.Headers;
        headers.ETag = document.ETag;
        headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)options.MaxAge.TotalSeconds}");
        headers.Link = $"<{options.LicenceUrl}>; rel=\"license\", <{request.PathBase}{OpenDataApi.Prefix}>; rel=\"describedby\"";
        headers[AttributionHeader] = HeaderText(options.Attribution);
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = $"{HeaderNames.ETag}, {HeaderNames.Link}, {AttributionHeader}";
        if (Matches(request.GetTypedHeaders().IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = document.ContentType;
        response.ContentLength = document.Body.Length;
        await response.Body.WriteAsync(document.Body, httpContext.RequestAborted);
    }

    /// <summary><c>If-None-Match</c> compares weakly (RFC 9110 §13.1.2): <c>W/"x"</c> matches <c>"x"</c>.</summary>
    private bool Matches(IList<EntityTagHeaderValue> ifNoneMatch)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        var current = new EntityTagHeaderValue(document.ETag);
        foreach (var tag in ifNoneMatch)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Header values are ASCII: other text goes as an RFC 8187 ext-value (<c>UTF-8''%C2%A9%20...</c>).</summary>
    private static string HeaderText(string text) =>
        text.All(c => c is >= ' ' and <= '~') ? text : "UTF-8''" + Uri.EscapeDataString(text);
}
