namespace UrbanTwin.TwinApi.Tests.OpenData;

[CollectionDefinition(Name)]
public sealed class OpenDataCollection : ICollectionFixture<OpenDataFixture>
{
    public const string Name = "open-data";
}
