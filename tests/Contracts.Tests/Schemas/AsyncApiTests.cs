using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Contract;
using YamlDotNet.RepresentationModel;

namespace UrbanTwin.Contracts.Tests.Schemas;

/// <summary>The AsyncAPI document describes every topic and points at the schema files that exist.</summary>
public sealed class AsyncApiTests
{
    private static readonly YamlMappingNode Document = Load();

    [Fact]
    public void Document_is_asyncapi_3()
    {
        Assert.Equal("3.0.0", Scalar(Document, "asyncapi"));
    }

    [Theory]
    [InlineData("ut/v1/{kind}/{deviceId}/telemetry")]
    [InlineData("ut/v1/bus-priority/{deviceId}/request")]
    [InlineData("ut/v1/{kind}/{deviceId}/status")]
    [InlineData("ut/v1/{kind}/{deviceId}/errors")]
    [InlineData("ut/v1/{kind}/{deviceId}/cmd/priority")]
    public void Every_contract_topic_is_a_channel(string address)
    {
        var channels = (YamlMappingNode)Document.Children[new YamlScalarNode("channels")];
        var addresses = channels.Children.Values.OfType<YamlMappingNode>().Select(c => Scalar(c, "address")).ToList();
        Assert.Contains(address, addresses);
    }

    [Fact]
    public void Every_schema_file_is_referenced_and_every_reference_exists()
    {
        var references = Descendants(Document)
            .OfType<YamlMappingNode>()
            .SelectMany(m => m.Children)
            .Where(kv => kv.Key is YamlScalarNode { Value: "$ref" } && kv.Value is YamlScalarNode { Value: not null } v && !v.Value.StartsWith('#'))
            .Select(kv => ((YamlScalarNode)kv.Value).Value!)
            .Select(r => Path.GetFullPath(Path.Combine(RepositoryPaths.FirmwareContracts, r.Split('#')[0])))
            .ToHashSet();

        foreach (var reference in references)
        {
            Assert.True(File.Exists(reference), "asyncapi.yaml references a missing file: " + reference);
        }

        foreach (var file in Directory.EnumerateFiles(SchemaFiles.Directory, "*.schema.json"))
        {
            Assert.True(references.Contains(Path.GetFullPath(file)), "asyncapi.yaml never references " + Path.GetFileName(file));
        }
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.FirmwareContracts, "asyncapi.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static IEnumerable<YamlNode> Descendants(YamlNode node)
    {
        yield return node;
        var children = node switch
        {
            YamlMappingNode m => m.Children.SelectMany(kv => new[] { kv.Key, kv.Value }),
            YamlSequenceNode s => s.Children,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
