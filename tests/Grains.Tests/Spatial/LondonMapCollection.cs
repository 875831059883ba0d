namespace UrbanTwin.Grains.Tests.Spatial;

[CollectionDefinition(Name)]
public sealed class LondonMapCollection : ICollectionFixture<LondonMapFixture>
{
    public const string Name = "london-map";
}
