using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Access;

/// <summary>Without <c>Auth:AdminKey</c>: the first start makes an admin key and prints it once; later starts do not.</summary>
public sealed partial class AdminKeyBootstrapTests : IAsyncLifetime
{
    private const string Banner = "UrbanTwin admin API key (shown once):";

    private readonly string _directory = ServerProcess.CreateDirectory("bootstrap");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string DataDirectory => Path.Combine(_directory, "data");

    [Fact]
    public async Task First_start_prints_a_key_once_keeps_only_its_hash_and_later_starts_print_none()
    {
        string key;
        await using (var first = await StartAsync())
        {
            var log = await Eventually.WaitAsync(() => Task.FromResult(first.ReadWholeLog()), l => l.Contains(Banner, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            key = Assert.Single(PrintedKey().Matches(log)).Groups["key"].Value;
            Assert.Equal(HttpStatusCode.OK, await ListKeysAsync(first, key));
        }

        await using (var second = await StartAsync())
        {
            Assert.Equal(HttpStatusCode.OK, await ListKeysAsync(second, key));
            var log = second.ReadWholeLog();
            Assert.DoesNotContain(Banner, log, StringComparison.Ordinal);
            Assert.DoesNotMatch(PrintedKey(), log);
            using var client = second.CreateClient(key);
            var audit = await client.GetStringAsync(new Uri("api/audit", UriKind.Relative), Cancel);
            var created = Assert.Single(JsonDocument.Parse(audit).RootElement.GetProperty("entries").EnumerateArray());
            Assert.Equal("key.created", created.GetProperty("action").GetString());
            Assert.Equal("start-up (first start)", created.GetProperty("actor").GetString());
        }

        var stored = Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        // ut_<16 hex id>_<43 base64url characters>: the secret may itself hold '_'.
        var secret = key[("ut_".Length + 16 + 1)..];
        Assert.Equal(43, secret.Length);
        Assert.DoesNotContain(stored, bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0);
        Assert.Contains(stored, bytes => bytes.AsSpan().IndexOf(SHA256.HashData(Encoding.UTF8.GetBytes(key))) >= 0);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Task<TwinHost> StartAsync() => TwinHost.StartAsync(new Dictionary<string, string> { ["Storage:DataDirectory"] = DataDirectory });

    private static async Task<HttpStatusCode> ListKeysAsync(TwinHost host, string key)
    {
        using var client = host.CreateClient(key);
        using var response = await client.GetAsync(ApiKeys.Keys, Cancel);
        return response.StatusCode;
    }

    [GeneratedRegex(@"(?<key>ut_[0-9a-f]{16}_[A-Za-z0-9_-]{43})")]
    private static partial Regex PrintedKey();
}
