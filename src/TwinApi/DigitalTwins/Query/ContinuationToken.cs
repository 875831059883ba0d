using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// Where the next page of a query starts: the query itself and how many rows came before,
/// base64url JSON. The query is run again for each page (the service ignores a request's query
/// when a token is sent: the token's counts); the caller's areas are never in the token, so a
/// token cannot widen what a key sees.
/// </summary>
public static class ContinuationToken
{
    public static string Create(string query, int offset) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Token(query, offset), TokenContext.Default.Token));

    public static (string Query, int Offset)? Read(string token)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), TokenContext.Default.Token);
            return parsed is { Q: { } query, O: >= 0 } ? (query, parsed.O) : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal sealed record Token(string Q, int O);
}
