using System.Net.Http.Headers;
using System.Security.Cryptography;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>One running host shared by the tests of the collection, with a configured admin key.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    /// <summary>The host's <c>Auth:AdminKey</c>.</summary>
    public const string AdminKey = "test-admin-key-2f4b6c8d0e1a3b5c7d9e";

    public TwinHost Host { get; private set; } = null!;

    /// <summary>The host's <c>Live:HeartbeatInterval</c>: short, so a test sees a heartbeat without waiting 15 s.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    public async ValueTask InitializeAsync() => Host = await TwinHost.StartAsync(new Dictionary<string, string>
    {
        ["Auth:AdminKey"] = AdminKey,
        ["Live:HeartbeatInterval"] = Heartbeat.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>A client sending <paramref name="apiKey"/> as its bearer token; none: anonymous.</summary>
    public HttpClient CreateClient(string? apiKey = null) => Host.CreateClient(apiKey);

    public HttpClient CreateAdminClient() => CreateClient(AdminKey);

    public HttpClient Admin() => CreateAdminClient();

    public HttpClient WithKey(string key) => CreateClient(key);

    public HttpClient Anonymous() => CreateClient();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
