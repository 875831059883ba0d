namespace UrbanTwin.Cluster.Tests;

[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "three silos on redis";
}
