using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestServers.Tests;

[Collection(RedisCollection.Name)]
public sealed class RedisServerTests(RedisFixture fixture)
{
    [Fact]
    public async Task Redis_answers_ping()
    {
        Assert.Equal("+PONG", await RedisServer.PingAsync(fixture.Server.Port, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_disposed_server_no_longer_answers()
    {
        var server = await RedisServer.StartAsync();
        var port = server.Port;
        Assert.Equal("+PONG", await RedisServer.PingAsync(port, TestContext.Current.CancellationToken));

        await server.DisposeAsync();

        Assert.Null(await RedisServer.PingAsync(port, TestContext.Current.CancellationToken));
    }
}
