namespace UrbanTwin.Grains.Tests.Twins;

[CollectionDefinition(Name)]
public sealed class StaleTwinCollection : ICollectionFixture<StaleTwinFixture>
{
    public const string Name = "twins checking staleness";
}
