using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// A bad request for <see cref="HostileHttpTests"/>, sent with HttpClient, and what it must get:
/// the status, the problem type and words the detail must hold.
/// </summary>
/// <param name="Caller"><c>admin</c>, <c>operator</c> or <c>anonymous</c>; any other value is sent as the <c>Authorization</c> header.</param>
/// <param name="ContentType">The body's media type as sent; null: a body without one.</param>
/// <param name="Header">One more header field, <c>name: value</c>.</param>
internal sealed record HostileRequest(string Method, string Path, HttpStatusCode Status, string Slug, string Says, string Caller = "admin", string? Body = null, string? ContentType = "application/json", string? Header = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path.TrimStart('/'), UriKind.Relative));
        if (Caller is not ("admin" or "operator" or "anonymous"))
        {
            message.Headers.TryAddWithoutValidation("Authorization", Caller);
        }

        if (Header?.Split(':', 2) is [var name, var value])
        {
            message.Headers.TryAddWithoutValidation(name, value.Trim());
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        return message;
    }
}
