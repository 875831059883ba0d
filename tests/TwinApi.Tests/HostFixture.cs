using System.Net.Http.Headers;
using System.Security.Cryptography;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>One running host shared by the tests of the collection, with a known admin key.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public string AdminKey { get; } = "admin-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public TwinHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await TwinHost.StartAsync(new Dictionary<string, string> { ["Auth:AdminKey"] = AdminKey });

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Admin() => WithKey(AdminKey);

    public HttpClient WithKey(string key)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Anonymous() => Host.CreateClient();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
