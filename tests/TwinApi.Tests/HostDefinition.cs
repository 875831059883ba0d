namespace UrbanTwin.TwinApi.Tests;

[CollectionDefinition(Name)]
public sealed class HostDefinition : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
