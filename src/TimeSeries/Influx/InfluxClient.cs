using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace UrbanTwin.TimeSeries.Influx;

/// <summary>
/// A small client of InfluxDB's v1 HTTP API, the one 1.x, 2.x (compatibility endpoints) and 3.x
/// all serve: <c>/ping</c>, <c>/write</c> with line protocol at millisecond precision, and
/// <c>/query</c> with InfluxQL, epoch-millisecond results and bound parameters (values are never
/// pasted into the query text).
/// </summary>
public sealed class InfluxClient(HttpClient http, InfluxOptions options)
{
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(Request(HttpMethod.Get, "ping"), cancellationToken);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Writes a batch of line protocol. A 4xx (including a partial write) is not retryable: the valid lines are stored.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var path = "write?db=" + Uri.EscapeDataString(options.Database) + "&precision=ms"
            + (options.RetentionPolicy is { Length: > 0 } rp ? "&rp=" + Uri.EscapeDataString(rp) : "");
        using var request = Request(HttpMethod.Post, path);
        request.Content = new ReadOnlyMemoryContent(lines);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InfluxException(response.StatusCode, $"write refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Runs an InfluxQL statement that changes the database (CREATE, DROP, ...).</summary>
    public Task<JsonDocument> CommandAsync(string statement, CancellationToken cancellationToken) =>
        QueryAsync(statement, new Dictionary<string, object>(), cancellationToken, post: true);

    /// <summary>
    /// Runs an InfluxQL query with bound parameters (<c>WHERE asset = $asset</c>); returns the JSON
    /// response. A query error reported inside the results is raised as an exception.
    /// </summary>
    public async Task<JsonDocument> QueryAsync(string query, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken, bool post = false)
    {
        var path = "query?db=" + Uri.EscapeDataString(options.Database) + "&epoch=ms&q=" + Uri.EscapeDataString(query);
        if (parameters.Count > 0)
        {
            path += "&params=" + Uri.EscapeDataString(JsonSerializer.Serialize(parameters));
        }

        using var request = Request(post ? HttpMethod.Post : HttpMethod.Get, path);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InfluxException(response.StatusCode, $"query refused ({(int)response.StatusCode}): {body}");
        }

        var document = JsonDocument.Parse(body);
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                // The text lives in the document: read it before the document is released.
                var message = "query failed: " + error.GetString();
                document.Dispose();
                throw new InfluxException(HttpStatusCode.BadRequest, message);
            }
        }

        return document;
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(options.Url ?? throw new InvalidOperationException("Influx:Url is not set"), path));
        switch (options.Auth)
        {
            case InfluxAuth.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
                break;
            case InfluxAuth.Token:
                request.Headers.Authorization = new AuthenticationHeaderValue("Token", options.Token);
                break;
        }

        return request;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"InfluxDB at {options.Url} ({options.Database})");
}
