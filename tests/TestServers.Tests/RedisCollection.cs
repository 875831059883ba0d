using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestServers.Tests;

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}
