using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>The twin API's success answers: exact status codes, JSON written as stored, and the ETag header where the service sends one.</summary>
public static class AdtResults
{
    public static IResult Json(string json, string? etag = null, int status = StatusCodes.Status200OK) => new JsonText(status, json, etag);

    public static IResult NoContent(string? etag = null) => new JsonText(StatusCodes.Status204NoContent, null, etag);

    /// <summary>A page of a list (<c>{"value": [...], "nextLink": ...}</c>) or of a query's results (<c>continuationToken</c> instead of <c>nextLink</c>).</summary>
    public static IResult Page(IReadOnlyList<JsonNode?> items, string? nextLink, bool isQuery = false, IReadOnlyDictionary<string, string>? headers = null) =>
        new PageResult(items, nextLink, isQuery, headers);

    private sealed class PageResult(IReadOnlyList<JsonNode?> items, string? next, bool isQuery, IReadOnlyDictionary<string, string>? headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = AdtJson.ContentType;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                response.Headers[name] = value;
            }

            await using var writer = new Utf8JsonWriter(response.BodyWriter, ApiJson.WriterOptions);
            writer.WriteStartObject();
            writer.WriteStartArray("value");
            foreach (var item in items)
            {
                if (item is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    item.WriteTo(writer);
                }
            }

            writer.WriteEndArray();
            writer.WriteString(isQuery ? "continuationToken" : "nextLink", next);
            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }

    private sealed class JsonText(int status, string? json, string? etag) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            if (etag is not null)
            {
                response.Headers[HeaderNames.ETag] = etag;
            }

            if (json is null)
            {
                return Task.CompletedTask;
            }

            response.ContentType = AdtJson.ContentType;
            var bytes = Encoding.UTF8.GetBytes(json);
            response.ContentLength = bytes.Length;
            return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
        }
    }
}
