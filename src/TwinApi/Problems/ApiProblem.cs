using Microsoft.AspNetCore.Http.HttpResults;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>
/// One kind of error the API answers with (RFC 9457): a stable <see cref="Type"/> URI clients can
/// switch on, a short title, and the HTTP status. The detail says what was wrong with this request.
/// </summary>
public sealed record ApiProblem(string Slug, string Title, int Status)
{
    public const string TypePrefix = "urn:urbantwin:problem:";

    public string Type => TypePrefix + Slug;

    public ProblemHttpResult Result(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: Status, title: Title, type: Type, extensions: extensions);
}
