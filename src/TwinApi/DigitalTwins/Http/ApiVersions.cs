namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>
/// The stable Azure Digital Twins data-plane versions the twin API answers (the npm client 1.1.0
/// sends 2022-05-31); a request without one, or with another, is refused before its handler runs.
/// </summary>
public sealed class ApiVersions : IEndpointFilter
{
    public const string Parameter = "api-version";

    public static readonly IReadOnlyList<string> Supported = ["2020-10-31", "2022-05-31", "2023-06-30", "2023-10-31"];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Check(context.HttpContext.Request) is { } refused ? ValueTask.FromResult<object?>(refused) : next(context);

    /// <summary>Why the request's api-version is refused, or null when it is supported.</summary>
    public static AdtError? Check(HttpRequest request)
    {
        var values = request.Query[Parameter];
        if (values.Count == 0 || string.IsNullOrEmpty(values[^1]))
        {
            return AdtErrors.MissingApiVersion();
        }

        // Were it given twice, the last one counts.
        var version = values[^1]!;
        return Supported.Contains(version) ? null : AdtErrors.UnsupportedApiVersion(version);
    }
}
