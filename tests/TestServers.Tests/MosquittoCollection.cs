using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestServers.Tests;

[CollectionDefinition(Name)]
public sealed class MosquittoCollection : ICollectionFixture<MosquittoFixture>
{
    public const string Name = "mosquitto";
}
