using System.Text.RegularExpressions;
using UrbanTwin.TestSupport;

namespace UrbanTwin.TwinApi.Tests;

public sealed partial class ProblemCatalogueTests
{
    [Fact]
    public void Every_problem_type_the_api_can_answer_with_is_documented()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "TwinApi", "Problems", "ApiProblems.cs"));
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "api.md"));

        var slugs = Slug().Matches(source).Select(m => m.Groups[1].Value).ToList();

        Assert.True(slugs.Count >= 30, $"found only {slugs.Count} problem types");
        Assert.All(slugs, slug => Assert.Contains($"`urn:urbantwin:problem:{slug}`", docs, StringComparison.Ordinal));
    }

    [GeneratedRegex("""new\("([a-z-]+)", """)]
    private static partial Regex Slug();
}
