using System.Globalization;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>The host's settings do what the README's configuration table says, each on a host of its own.</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public async Task The_ASPNETCORE_URLS_environment_variable_sets_where_the_api_listens()
    {
        // No --Urls on the command line: only the environment variable says where to listen.
        var urls = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";

        await using var host = await TwinHost.StartAsync(environment: new Dictionary<string, string> { ["ASPNETCORE_URLS"] = urls });
        using var client = host.CreateClient();
        using var live = await client.GetAsync(new Uri(urls + "/health/live"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain("Urls", host.Settings.Keys);
    }
}
