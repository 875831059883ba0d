using System.Net;
using System.Text;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Influx;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>What a real influxd refuses reaches the caller as an <see cref="InfluxException"/> carrying InfluxDB's own words.</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxErrorTests(InfluxFixture fixture)
{
    [Fact]
    public async Task A_query_error_reported_inside_the_results_arrives_with_its_text()
    {
        var client = Client("missing_" + Guid.NewGuid().ToString("N")[..8]);

        var error = await Assert.ThrowsAsync<InfluxException>(() => client.QueryAsync("SELECT \"no2\" FROM \"air_quality\"", new Dictionary<string, object>(), TestContext.Current.CancellationToken));

        Assert.Contains("database not found", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task A_query_with_a_syntax_error_arrives_as_a_400_with_the_parser_text()
    {
        var client = Client("syntax");

        var error = await Assert.ThrowsAsync<InfluxException>(() => client.QueryAsync("SELEC \"no2\" FROM \"air_quality\"", new Dictionary<string, object>(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("error parsing query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_with_a_field_type_conflict_arrives_as_a_400_naming_the_conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = "conflict_" + Guid.NewGuid().ToString("N")[..8];
        var client = Client(database);
        (await client.CommandAsync("CREATE DATABASE " + database, ct)).Dispose();
        await client.WriteAsync(Encoding.UTF8.GetBytes("air_quality,asset=aq-1 no2=41.5 1557219600000\n"), ct);

        var error = await Assert.ThrowsAsync<InfluxException>(() => client.WriteAsync(Encoding.UTF8.GetBytes("air_quality,asset=aq-1 no2=\"high\" 1557219660000\n"), ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("field type conflict", error.Message, StringComparison.Ordinal);
    }

    private InfluxClient Client(string database) => new(new HttpClient(), new InfluxOptions { Url = fixture.Server.BaseUri, Database = database });
}
