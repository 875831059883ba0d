namespace UrbanTwin.Grains.Tests.Spatial;

[CollectionDefinition(Name)]
public sealed class SpatialNodeCollection : ICollectionFixture<SpatialNodeFixture>
{
    public const string Name = "spatial-node";
}
