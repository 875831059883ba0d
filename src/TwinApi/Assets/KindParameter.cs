using UrbanTwin.Contracts;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>Reads a <c>kind</c> query parameter: <c>air-quality</c>, <c>footfall</c> or <c>bus-priority</c>; anything else is a <c>bad-query</c>.</summary>
public static class KindParameter
{
    /// <summary>An optional kind: absent is null (any kind).</summary>
    public static bool TryOptional(string? text, out DeviceKind? kind, out ApiProblemResult? problem)
    {
        kind = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        if (!TryRequired(text, out var parsed, out problem))
        {
            return false;
        }

        kind = parsed;
        return true;
    }

    public static bool TryRequired(string? text, out DeviceKind kind, out ApiProblemResult? problem)
    {
        problem = null;
        if (text is null || !DeviceKinds.TryParse(text, out kind))
        {
            kind = default;
            problem = new(ApiProblems.BadQuery, $"kind must be one of {string.Join(", ", DeviceKinds.All.Select(k => k.ToSegment()))}");
            return false;
        }

        return true;
    }
}
