using System.Text.Json;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Contracts.Tests.Vectors;

/// <summary>The vector set is complete enough for a firmware team to rely on.</summary>
public sealed class VectorCatalogueTests
{
    private static readonly IReadOnlyList<ContractVector> All = ContractVector.AllRelativePaths().Select(ContractVector.Load).ToList();

    [Fact]
    public void There_are_at_least_15_valid_and_30_invalid_vectors()
    {
        Assert.True(All.Count(v => v.IsValid) >= 15, $"only {All.Count(v => v.IsValid)} valid vectors");
        Assert.True(All.Count(v => !v.IsValid) >= 30, $"only {All.Count(v => !v.IsValid)} invalid vectors");
    }

    [Theory]
    [InlineData("air-quality")]
    [InlineData("footfall")]
    [InlineData("bus-priority")]
    public void Every_kind_has_valid_and_invalid_vectors(string kind)
    {
        Assert.Contains(All, v => v.KindFolder == kind && v.IsValid);
        Assert.Contains(All, v => v.KindFolder == kind && !v.IsValid);
    }

    [Fact]
    public void Every_error_code_is_shown_by_at_least_one_vector()
    {
        var shown = All.SelectMany(v => v.ExpectedErrorCodes).ToHashSet();
        var missing = ErrorCodes.All.Select(c => c.ToWire()).Where(c => !shown.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "no vector shows " + string.Join(", ", missing));
    }

    [Fact]
    public void Valid_vectors_expect_no_errors_and_invalid_vectors_expect_at_least_one()
    {
        var wrong = All.Where(v => v.IsValid == v.ExpectedErrorCodes.Any()).Select(v => v.RelativePath).ToList();
        Assert.True(wrong.Count == 0, "in the wrong folder for their expected errors: " + string.Join(", ", wrong));
    }

    [Fact]
    public void Hostile_inputs_are_covered()
    {
        bool Any(Func<ContractVector, bool> predicate) => All.Any(v => !v.IsValid && predicate(v));
        var text = (ContractVector v) => System.Text.Encoding.UTF8.GetString(v.Payload);

        Assert.True(Any(v => v.Payload.Length >= 1_000_000), "a 1 MB payload");
        Assert.True(Any(v => text(v).Contains("[[[[[[[[[[", StringComparison.Ordinal)), "deep nesting");
        Assert.True(Any(v => text(v).Contains("NaN", StringComparison.Ordinal)), "a NaN literal");
        Assert.True(Any(v => text(v).Contains("Infinity", StringComparison.Ordinal)), "an Infinity literal");
        foreach (var c in new[] { "+", "#", ",", "=", " " })
        {
            Assert.True(Any(v => v.Topic.Split('/').Length > 3 && v.Topic.Split('/')[3].Contains(c, StringComparison.Ordinal)), $"a device id with '{c}'");
        }

        Assert.True(Any(v => v.Topic.Any(ch => ch > 127)), "a non-ASCII device id");
        Assert.True(Any(v => v.ExpectedErrorCodes.Contains(ErrorCodes.ClockSkew) && v.Description.Contains("2100", StringComparison.Ordinal)), "a far-future timestamp (year 2100)");
        Assert.True(Any(v => v.ExpectedErrorCodes.Contains(ErrorCodes.ClockSkew) && v.Description.Contains("old", StringComparison.OrdinalIgnoreCase)), "a too-old timestamp");
        Assert.True(Any(v => HasDuplicateKey(v.Payload)), "duplicate keys");
    }

    private static bool HasDuplicateKey(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return false;
        }
        catch (JsonException ex)
        {
            return ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase);
        }
    }
}
