using System.Text.Json;
using System.Text.Unicode;

namespace UrbanTwin.Contracts.Tests;

/// <summary>
/// An oracle for <c>malformed-json</c>, independent of the decoder: UTF-8, RFC 8259 JSON as
/// <see cref="JsonDocument"/> parses it, unique keys, and every key and string unescapes to Unicode.
/// </summary>
public static class StrictJson
{
    public static bool IsValid(byte[] payload)
    {
        if (!Utf8.IsValid(payload))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 100_000 });
            return AllTextIsUnicode(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check unescapes keys and refuses an unpaired surrogate escape.
            return false;
        }
    }

    /// <summary>Every key and string unescapes to Unicode text: no unpaired surrogate escape such as \ud800.</summary>
    private static bool AllTextIsUnicode(JsonElement root)
    {
        var pending = new Stack<JsonElement>([root]);
        try
        {
            while (pending.TryPop(out var element))
            {
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        _ = element.GetString();
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in element.EnumerateArray())
                        {
                            pending.Push(item);
                        }

                        break;
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject())
                        {
                            _ = property.Name;
                            pending.Push(property.Value);
                        }

                        break;
                }
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
