using System.Text.Json;
using System.Text.Json.Nodes;
using UrbanTwin.TestSupport;

namespace UrbanTwin.TwinApi.Tests.Reference;

/// <summary>
/// The served OpenAPI document passes Redocly's recommended rules and Spectral's <c>spectral:oas</c>
/// (both from npm, pinned in <c>tools/openapi-lint</c>), and every example it gives validates
/// against its schema.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class OpenApiLintTests(HostFixture fixture)
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(2);

    private static string Linters => Path.Combine(RepositoryPaths.Root, "tools", "openapi-lint");

    /// <summary>
    /// The warnings the document keeps, each for a reason: a node is run by a city, whose contact
    /// and terms the document cannot know; the health checks answer only 200 or 503.
    /// </summary>
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "info-license #/info",
        "info-contact info",
        "operation-4xx-response #/paths/~1health/get/responses",
        "operation-4xx-response #/paths/~1health~1live/get/responses",
    };

    [Fact]
    public async Task The_document_passes_redoclys_recommended_rules()
    {
        var file = await ServedDocumentAsync();
        var (_, output, error) = await RunAsync("redocly", ["lint", "--extends", "recommended", "--format", "json", file]);

        using var report = JsonDocument.Parse(output);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("ruleId").GetString()} {p.GetProperty("location")[0].GetProperty("pointer").GetString()}|{p.GetProperty("severity").GetString()}: {p.GetProperty("message").GetString()}")
            .Where(p => !Kept.Contains(p[..p.IndexOf('|', StringComparison.Ordinal)]))
            .ToList();
        Assert.True(problems.Count == 0, "Redocly:\n" + string.Join("\n", problems) + "\n" + error);
        Assert.Equal(0, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task The_document_passes_spectrals_oas_rules()
    {
        var file = await ServedDocumentAsync();
        var (_, output, error) = await RunAsync("spectral", ["lint", "--ruleset", Path.Combine(Linters, ".spectral.yaml"), "--format", "json", "--quiet", file]);

        using var report = JsonDocument.Parse(output.Trim().Length == 0 ? "[]" : output);
        var problems = report.RootElement.EnumerateArray()
            .Select(p => $"{p.GetProperty("code").GetString()} {string.Join(".", p.GetProperty("path").EnumerateArray().Select(s => s.ToString()))}|severity {p.GetProperty("severity").GetInt32()}: {p.GetProperty("message").GetString()}")
            .Where(p => !Kept.Contains(p[..p.IndexOf('|', StringComparison.Ordinal)]))
            .ToList();
        Assert.True(problems.Count == 0, "Spectral:\n" + string.Join("\n", problems) + "\n" + error);
    }

    [Fact]
    public async Task Every_example_in_the_document_validates_against_its_schema()
    {
        using var client = fixture.Anonymous();
        var document = (JsonObject)JsonNode.Parse(await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken))!;
        var contract = new OpenApiContract(document);
        var checkedExamples = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    foreach (var (mediaType, media) in response!["content"]?.AsObject() ?? [])
                    {
                        foreach (var (name, example) in media!["examples"]?.AsObject() ?? [])
                        {
                            contract.Validate(media["schema"]!, example!["value"]!.ToJsonString(), $"the example '{name}' of {method.ToUpperInvariant()} {path} {status} {mediaType}");
                            checkedExamples++;
                        }
                    }
                }
            }
        }

        Assert.True(checkedExamples > 50, $"only {checkedExamples} examples");
    }

    /// <summary>The served document in a file of the test's own directory.</summary>
    private async Task<string> ServedDocumentAsync()
    {
        using var client = fixture.Anonymous();
        var directory = Directory.CreateTempSubdirectory("urbantwin-openapi-").FullName;
        var file = Path.Combine(directory, "openapi.json");
        await File.WriteAllTextAsync(file, await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        return file;
    }

    /// <summary>Runs a linter offline: no usage report, no update check.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string linter, IEnumerable<string> arguments)
    {
        var executable = Path.Combine(Linters, "node_modules", ".bin", linter);
        Assert.True(File.Exists(executable), $"{executable} is missing: run tools/openapi-lint/install.sh (tools/test.sh does)");
        return await CommandLine.RunAsync(executable, arguments, LintTimeout, new Dictionary<string, string>
        {
            ["REDOCLY_TELEMETRY"] = "off",
            ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
            ["NO_UPDATE_NOTIFIER"] = "1",
        });
    }
}
