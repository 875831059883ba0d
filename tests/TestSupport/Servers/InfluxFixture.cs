namespace UrbanTwin.TestSupport.Servers;

/// <summary>A collection fixture owning one real influxd for every test in the collection; always stopped at the end.</summary>
public sealed class InfluxFixture : IAsyncLifetime
{
    public InfluxServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await InfluxServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
