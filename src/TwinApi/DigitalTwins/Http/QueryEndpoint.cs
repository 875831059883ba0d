using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.DigitalTwins.Query;
using UrbanTwin.TwinApi.DigitalTwins.Twins;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>
/// <c>POST /query</c>: <c>{"query": "...", "continuationToken"?: "..."}</c> answered with a page of
/// rows (at most <see cref="PageCap"/>, or the <c>max-items-per-page</c> asked for), the token of the
/// next page (null on the last), and a <c>query-charge</c> header in query units.
/// </summary>
public static class QueryEndpoint
{
    public const int PageCap = 1000;

    public const string ChargeHeader = "query-charge";

    public static async Task<IResult> Query(HttpRequest request, QueryEngine engine, ClaimsPrincipal user)
    {
        var (body, error) = await AdtRequest.BodyAsync(request);
        if (error is not null)
        {
            return error;
        }

        var token = (body as JsonObject)?["continuationToken"] is JsonValue t && t.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        var queryText = (body as JsonObject)?["query"] is JsonValue q && q.TryGetValue<string>(out var sent) ? sent : null;
        var offset = 0;
        if (token is not null)
        {
            if (ContinuationToken.Read(token) is not { } resumed)
            {
                return AdtErrors.InvalidContinuationToken();
            }

            (queryText, offset) = resumed;
        }

        if (string.IsNullOrWhiteSpace(queryText))
        {
            return AdtErrors.InvalidArgument("The body must be {\"query\": \"SELECT ...\"}, optionally with a continuationToken.");
        }

        try
        {
            var query = QueryParser.Parse(queryText);
            var size = AdtRequest.PageSize(request, PageCap);
            var result = await engine.RunAsync(query, TwinScope.Of(user), offset, size, request.HttpContext.RequestAborted);
            var next = result.More ? ContinuationToken.Create(queryText, offset + size) : null;
            var charge = (1 + (result.Examined / 1000.0) + (result.Rows.Count / 100.0)).ToString("0.##", CultureInfo.InvariantCulture);
            return AdtResults.Page(result.Rows, next, isQuery: true, new Dictionary<string, string> { [ChargeHeader] = charge });
        }
        catch (QueryException e)
        {
            return AdtErrors.SqlQueryError(e.Message);
        }
    }
}
