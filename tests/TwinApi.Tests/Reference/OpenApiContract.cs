using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace UrbanTwin.TwinApi.Tests.Reference;

/// <summary>
/// The served OpenAPI document as a checker of real answers: each answer's status must be one the
/// operation declares, its media type one declared for that status, and a JSON body must validate
/// against the declared schema, with objects closed (a property the document does not name fails).
/// Remembers which operations and statuses were seen, so a test can require every one.
/// </summary>
internal sealed class OpenApiContract
{
    private const string Components = "#/components/schemas/";

    private readonly JsonObject _document;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public OpenApiContract(JsonObject document)
    {
        _document = document;
        _definitions = (JsonObject)Closed(Rewritten(document["components"]!["schemas"]!))!;
    }

    /// <summary>Every (operation id, status) answered so far.</summary>
    public ConcurrentDictionary<(string Operation, int Status), int> Seen { get; } = new();

    /// <summary>Every operation of the document: its id, method and path template.</summary>
    public IEnumerable<(string Id, string Method, string Path)> Operations =>
        from path in _document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select ((string)operation.Value!["operationId"]!, operation.Key.ToUpperInvariant(), path.Key);

    /// <summary>The statuses the operation declares.</summary>
    public IEnumerable<int> Statuses(string operationId) =>
        Operation(operationId).Node["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Checks one real answer of the operation against the document; returns its body.</summary>
    public async Task<string> CheckAsync(string operationId, HttpResponseMessage response)
    {
        var (node, method, path) = Operation(operationId);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        var where = $"{operationId} ({method} {path}) answered {status}";
        var declared = node["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        Assert.True(declared is not null, $"{where}, which the document does not declare: {Shorten(body)}");
        Seen.AddOrUpdate((operationId, status), 1, (_, n) => n + 1);

        var content = declared!["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            Assert.True(body.Length == 0, $"{where} with a body, for which the document declares no content: {Shorten(body)}");
            return body;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Assert.True(mediaType is not null && content.ContainsKey(mediaType), $"{where} as '{mediaType}'; the document declares {string.Join(", ", content.Select(c => c.Key))}");
        if (mediaType!.EndsWith("json", StringComparison.Ordinal))
        {
            Validate(content[mediaType]!["schema"]!, body, where);
        }

        return body;
    }

    /// <summary>Sends a request and checks its answer; returns the answer's status and body.</summary>
    public async Task<(int Status, string Body)> CallAsync(HttpClient client, string operationId, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request, TestContext.Current.CancellationToken))
        {
            return ((int)response.StatusCode, await CheckAsync(operationId, response));
        }
    }

    /// <summary>Checks that a JSON value validates against a schema of the document (one of its examples, say).</summary>
    public void Validate(JsonNode schema, string json, string where)
    {
        var compiled = _schemas.GetOrAdd(schema.ToJsonString(), text => Compile(schema));
        using var instance = JsonDocument.Parse(json);
        var result = compiled.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} (schema {d.SchemaLocation})"))
                .Take(10);
            Assert.Fail($"{where} with a body that does not match the document:\n  {string.Join("\n  ", errors)}\n{Shorten(json)}");
        }
    }

    private (JsonNode Node, string Method, string Path) Operation(string operationId)
    {
        foreach (var (id, method, path) in Operations)
        {
            if (id == operationId)
            {
                return (_document["paths"]![path]![method.ToLowerInvariant()]!, method, path);
            }
        }

        throw new ArgumentException($"the document has no operation '{operationId}'", nameof(operationId));
    }

    private JsonSchema Compile(JsonNode schema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _definitions.DeepClone(),
            ["allOf"] = new JsonArray(Closed(Rewritten(schema))),
        };
        var id = new Uri($"https://urbantwin.test/openapi/{Guid.NewGuid():N}");
        return JsonSchema.FromText(root.ToJsonString(), baseUri: id);
    }

    /// <summary>The schema with references to the document's components pointing into <c>$defs</c>.</summary>
    private static JsonNode Rewritten(JsonNode schema) =>
        JsonNode.Parse(schema.ToJsonString().Replace(Components, "#/$defs/", StringComparison.Ordinal))!;

    /// <summary>Every object schema that lists its properties and says nothing of others refuses others.</summary>
    private static JsonNode? Closed(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Closed(child);
                }

                if (obj.ContainsKey("properties") && !obj.ContainsKey("additionalProperties"))
                {
                    obj["additionalProperties"] = false;
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Closed(child);
                }

                break;
        }

        return node;
    }

    private static string Shorten(string body) => body.Length <= 600 ? body : body[..600] + "…";
}

/// <summary>Requests for the conformance test.</summary>
internal static class Requests
{
    public static HttpRequestMessage Get(string path, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return request;
    }

    public static HttpRequestMessage Send(HttpMethod method, string path, string? body = null, string mediaType = "application/json") => new(method, new Uri(path.TrimStart('/'), UriKind.Relative))
    {
        Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, mediaType),
    };
}
