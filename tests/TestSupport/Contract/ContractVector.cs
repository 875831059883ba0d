using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace UrbanTwin.TestSupport.Contract;

/// <summary>One golden vector file of <c>firmware-contracts/vectors/</c>, with its payload bytes assembled.</summary>
public sealed class ContractVector
{
    private ContractVector(string relativePath, JsonElement root, byte[] payload)
    {
        RelativePath = relativePath;
        var parts = relativePath.Split('/');
        KindFolder = parts[0];
        IsValid = parts[1] == "valid";
        Description = root.GetProperty("description").GetString()!;
        Topic = root.GetProperty("topic").GetString()!;
        Publisher = root.GetProperty("publisher").GetString()!;
        ReceivedAt = DateTimeOffset.Parse(root.GetProperty("receivedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Expected = root.GetProperty("expected").Clone();
        Qos = root.TryGetProperty("qos", out var qos) ? qos.GetInt32() : 1;
        Retain = root.TryGetProperty("retain", out var retain) && retain.GetBoolean();
        Payload = payload;
    }

    public static string VectorsRoot => Path.Combine(RepositoryPaths.FirmwareContracts, "vectors");

    public string RelativePath { get; }

    public string KindFolder { get; }

    public bool IsValid { get; }

    public string Description { get; }

    public string Topic { get; }

    public string Publisher { get; }

    public DateTimeOffset ReceivedAt { get; }

    public long ReceivedAtMs => ReceivedAt.ToUnixTimeMilliseconds();

    /// <summary>The QoS the message is published at (<c>qos</c>, default 1).</summary>
    public int Qos { get; }

    /// <summary>Whether it is published with the retain flag (<c>retain</c>, default false).</summary>
    public bool Retain { get; }

    public byte[] Payload { get; }

    public JsonElement Expected { get; }

    /// <summary>The payload for a failure message: UTF-8 text, cut to a readable length.</summary>
    public string PayloadPreview
    {
        get
        {
            var text = Encoding.UTF8.GetString(Payload, 0, Math.Min(Payload.Length, 400));
            return Payload.Length > 400 ? text + $"… ({Payload.Length} bytes)" : text;
        }
    }

    public static IEnumerable<string> AllRelativePaths() =>
        Directory.EnumerateFiles(VectorsRoot, "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(VectorsRoot, p).Replace('\\', '/'))
            .Where(p => p.Count(c => c == '/') == 2)
            .Order(StringComparer.Ordinal);

    public static ContractVector Load(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(VectorsRoot, relativePath));
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return new ContractVector(relativePath, root.Clone(), AssemblePayload(root));
    }

    private static byte[] AssemblePayload(JsonElement root)
    {
        if (root.TryGetProperty("payload", out var payload))
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                payload.WriteTo(writer);
            }

            return buffer.ToArray();
        }

        if (root.TryGetProperty("payloadBase64", out var base64))
        {
            return Convert.FromBase64String(base64.GetString()!);
        }

        var text = root.GetProperty("payloadText").GetString()!;
        if (root.TryGetProperty("expand", out var expand))
        {
            var token = expand.GetProperty("token").GetString()!;
            var fill = string.Concat(Enumerable.Repeat(expand.GetProperty("text").GetString()!, expand.GetProperty("count").GetInt32()));
            text = text.Replace(token, fill, StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The error codes the vector expects, in payload order.</summary>
    public IEnumerable<string> ExpectedErrorCodes =>
        Expected.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("code").GetString()!)
            : [];

    public override string ToString() => RelativePath;
}
