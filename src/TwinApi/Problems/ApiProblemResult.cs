using Microsoft.AspNetCore.Http.HttpResults;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>A problem found while reading a request, answered later as <see cref="ToResult"/>.</summary>
public sealed record ApiProblemResult(ApiProblem Problem, string Detail)
{
    public ProblemHttpResult ToResult() => Problem.Result(Detail);
}
