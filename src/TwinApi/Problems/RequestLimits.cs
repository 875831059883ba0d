using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>
/// How long a request's target and how large its header fields may be. Kestrel refuses a request
/// over its own limits while parsing it, before any middleware runs, with the bare status and no
/// body; so Kestrel's limits are set at twice the API's, and the API's are enforced here, at the
/// start of the pipeline, where the refusal can be problem details (414 <c>uri-too-long</c>, 431
/// <c>headers-too-large</c>). Requests beyond even Kestrel's limits still get its bare answer.
/// </summary>
public static class RequestLimits
{
    /// <summary>The longest request target (path and query as sent): Kestrel's default for the whole request line.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>The most header bytes (each field's name, value and framing): Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 2 * MaxTargetLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length > MaxTargetLength)
        {
            await ApiProblems.UriTooLong.Result(string.Create(CultureInfo.InvariantCulture, $"the request target (path and query) is {target.Length:N0} characters; it may have at most {MaxTargetLength:N0}")).ExecuteAsync(context);
            return;
        }

        if (HeaderBytes(context.Request.Headers) is var bytes && bytes > MaxHeaderBytes)
        {
            await ApiProblems.HeadersTooLarge.Result(string.Create(CultureInfo.InvariantCulture, $"the header fields take {bytes:N0} bytes; they may take at most {MaxHeaderBytes:N0} in all")).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>As Kestrel counts them: <c>name: value</c> and the line break, for every value.</summary>
    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long bytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                bytes += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        }

        return bytes;
    }
}
