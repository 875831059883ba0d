using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>One running host shared by the tests of the collection.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public TwinHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await TwinHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
