using System.Net;
using System.Text;
using System.Text.Json;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestServers.Tests;

[Collection(InfluxCollection.Name)]
public sealed class InfluxServerTests(InfluxFixture fixture)
{
    [Fact]
    public async Task Influxd_stores_a_line_and_answers_a_query_for_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        using (var create = await http.PostAsync(new Uri("query?q=" + Uri.EscapeDataString("CREATE DATABASE fixture_check"), UriKind.Relative), null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        }

        using (var content = new StringContent("air_quality,asset=aq-westminster-01 no2=48 1557219600000", Encoding.UTF8))
        using (var write = await http.PostAsync(new Uri("write?db=fixture_check&precision=ms", UriKind.Relative), content, ct))
        {
            Assert.True(write.StatusCode == HttpStatusCode.NoContent, await write.Content.ReadAsStringAsync(ct));
        }

        var query = Uri.EscapeDataString("SELECT no2 FROM air_quality WHERE asset = 'aq-westminster-01'");
        var body = await http.GetStringAsync(new Uri($"query?db=fixture_check&epoch=ms&q={query}", UriKind.Relative), ct);

        using var json = JsonDocument.Parse(body);
        var row = json.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0];
        Assert.Equal(1_557_219_600_000, row[0].GetInt64());
        Assert.Equal(48, row[1].GetDouble());
    }
}
