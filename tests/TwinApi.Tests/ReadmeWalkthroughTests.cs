using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// The README's "First reading", run as a reader runs it: against a host started as the run
/// command starts it (no admin key configured, so it prints one), each shell block in turn, in
/// one terminal (what earlier blocks set is kept), with the printed key, the secret from the
/// answer and the host's own ports put in for the README's placeholders and defaults. The
/// answers the README shows must be the real ones, all but their times and the secret.
/// </summary>
public sealed class ReadmeWalkthroughTests
{
    private const string Heading = "## First reading";

    /// <summary>Members whose value differs from one run to the next; only their kind is compared.</summary>
    private static readonly HashSet<string> Varying = ["secret", "lastSeen", "at"];

    [Fact]
    public async Task The_first_reading_walk_through_works_as_written()
    {
        var section = Section(await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root, "README.md"), TestContext.Current.CancellationToken));
        var commands = Blocks(section, "sh");
        var answers = Blocks(section, "json");
        Assert.Equal(3, commands.Count);
        Assert.Equal(2, answers.Count);
        await using var host = await TwinHost.StartAsync();
        var printed = Regex.Match(host.ReadWholeLog(), @"UrbanTwin admin API key \(shown once\): (ut_\S+)");
        Assert.True(printed.Success, "the host printed no admin key");
        var terminal = new Terminal(host);
        terminal.Know("KEY", printed.Groups[1].Value);

        using var registered = JsonDocument.Parse(await terminal.RunAsync(commands[0]));
        terminal.Know("SECRET", registered.RootElement.GetProperty("device").GetProperty("secret").GetString()!);
        await terminal.RunAsync(commands[1]);
        using var twin = JsonDocument.Parse(await terminal.RunAsync(commands[2]));
        using var offline = JsonDocument.Parse(await Eventually.WaitAsync(
            () => terminal.RunAsync(commands[2]),
            answer => answer.Contains("\"online\":false", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10)));

        Assert.Equal(1, twin.RootElement.GetProperty("counters").GetProperty("accepted").GetInt32());
        AssertShows(answers[0], registered.RootElement);
        AssertShows(answers[1], offline.RootElement);
    }

    /// <summary>Every member the README shows is in the real answer with the same value (for <see cref="Varying"/> ones, the same kind).</summary>
    private static void AssertShows(string shown, JsonElement real)
    {
        using var document = JsonDocument.Parse(shown);
        AssertShows(document.RootElement, real, "$");
    }

    private static void AssertShows(JsonElement shown, JsonElement real, string path)
    {
        Assert.True(shown.ValueKind == real.ValueKind, $"{path}: the README shows {shown.ValueKind}, the host answered {real}");
        switch (shown.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in shown.EnumerateObject())
                {
                    Assert.True(real.TryGetProperty(member.Name, out var value), $"{path}.{member.Name}: shown in the README, not in the answer {real}");
                    if (!Varying.Contains(member.Name))
                    {
                        AssertShows(member.Value, value, $"{path}.{member.Name}");
                    }
                }

                break;
            case JsonValueKind.Array:
                Assert.True(shown.GetArrayLength() == real.GetArrayLength(), $"{path}: the README shows {shown}, the host answered {real}");
                for (var i = 0; i < shown.GetArrayLength(); i++)
                {
                    AssertShows(shown[i], real[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(shown.GetDouble() == real.GetDouble(), $"{path}: the README shows {shown}, the host answered {real}");
                break;
            default:
                Assert.True(shown.ToString() == real.ToString(), $"{path}: the README shows {shown}, the host answered {real}");
                break;
        }
    }

    /// <summary>The README's lines from the section's heading to the next one.</summary>
    private static List<string> Section(string[] readme)
    {
        var start = Array.IndexOf(readme, Heading);
        Assert.True(start >= 0, $"README.md has no '{Heading}'");
        return [.. readme.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))];
    }

    /// <summary>The contents of the section's fenced blocks of one language, in order.</summary>
    private static List<string> Blocks(List<string> section, string language)
    {
        var blocks = new List<string>();
        List<string>? block = null;
        foreach (var line in section)
        {
            if (block is null && line == "```" + language)
            {
                block = [];
            }
            else if (block is not null && line == "```")
            {
                blocks.Add(string.Join('\n', block));
                block = null;
            }
            else
            {
                block?.Add(line);
            }
        }

        return blocks;
    }

    /// <summary>
    /// A reader's terminal: runs a block with bash after the variables earlier blocks set, with the
    /// host's address and MQTT port for the defaults, and what the reader knows for a placeholder
    /// (<c>KEY=ut_…</c>).
    /// </summary>
    private sealed class Terminal(TwinHost host)
    {
        private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);
        private readonly List<string> _set = [];

        public void Know(string variable, string value) => _known[variable] = value;

        /// <returns>What the block wrote to standard output.</returns>
        public async Task<string> RunAsync(string block)
        {
            var lines = new List<string>();
            foreach (var line in block
                .Replace("http://127.0.0.1:8080", host.BaseUri.ToString().TrimEnd('/'), StringComparison.Ordinal)
                .Replace("-p 1883 ", $"-p {host.MqttPort.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal)
                .Split('\n'))
            {
                var placeholder = Regex.Match(line, @"^([A-Z]+)=\S*…");
                if (placeholder.Success)
                {
                    var variable = placeholder.Groups[1].Value;
                    Assert.True(_known.TryGetValue(variable, out var value), $"nothing known to put in for {line}");
                    _set.Add($"{variable}='{value}'");
                }
                else
                {
                    lines.Add(line);
                }
            }

            var script = string.Join('\n', _set.Concat(lines));
            var (exitCode, output, error) = await CommandLine.RunAsync("bash", ["-eu", "-c", script], TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, $"exit code {exitCode} from\n{script}\n{error}");
            return output;
        }
    }
}
