namespace UrbanTwin.TestSupport.Servers;

/// <summary>A collection fixture owning one real mosquitto for every test in the collection; always stopped at the end.</summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    public MosquittoServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await MosquittoServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
