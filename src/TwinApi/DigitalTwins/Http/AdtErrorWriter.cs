using System.Text.Json;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>
/// The errors the framework itself answers on the twin API's routes (no key, a role that may not,
/// an unknown route, a body too large, a failure) in the twin API's error shape rather than as
/// problem details, since its clients read <c>error.code</c>.
/// </summary>
public sealed class AdtErrorWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => DigitalTwinsApi.IsTwinApiPath(context.HttpContext.Request);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var status = context.ProblemDetails.Status ?? response.StatusCode;
        var error = new AdtError(status, CodeOf(status), context.ProblemDetails.Detail ?? context.ProblemDetails.Title ?? "The request failed.");
        response.ContentType = AdtJson.ContentType;
        response.Headers[AdtError.ErrorCodeHeader] = error.Code;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, ApiJson.WriterOptions);
        error.Write(writer);
        await writer.FlushAsync(context.HttpContext.RequestAborted);
    }

    private static string CodeOf(int status) => status switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        _ => "InternalServerError",
    };
}
