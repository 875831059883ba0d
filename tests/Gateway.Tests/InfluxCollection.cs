using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Gateway.Tests;

[CollectionDefinition(Name)]
public sealed class InfluxCollection : ICollectionFixture<InfluxFixture>
{
    public const string Name = "influxd";
}
