using System.Text.Json;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>
/// An error as Azure Digital Twins answers it: the status, <c>{"error":{"code","message"}}</c> and
/// the code again in the <c>x-ms-error-code</c> header. Clients (the Azure SDKs) switch on the code.
/// </summary>
public sealed record AdtError(int Status, string Code, string Message) : IResult
{
    public const string ErrorCodeHeader = "x-ms-error-code";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = AdtJson.ContentType;
        response.Headers[ErrorCodeHeader] = Code;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, ApiJson.WriterOptions);
        Write(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", Code);
        writer.WriteString("message", Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
