namespace UrbanTwin.TwinApi.Tests.OpenData;

[CollectionDefinition(Name)]
public sealed class ThrottledOpenDataCollection : ICollectionFixture<ThrottledOpenDataFixture>
{
    public const string Name = "open-data-throttled";
}
