using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>The store contract against a real influxd, through the buffered writer.</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxStoreContractTests(InfluxFixture fixture) : StoreContractTests
{
    private readonly string _spool = ServerProcess.CreateDirectory("spool");
    private TimeSeriesWriter? _writer;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        Directory.Delete(_spool, recursive: true);
    }

    protected override Task<ITimeSeriesStore> CreateStoreAsync()
    {
        // 2019 readings: keep raw points forever here, or InfluxDB would drop them as too old.
        var options = new InfluxOptions { Url = fixture.Server.BaseUri, Database = "contract", RawRetention = null };
        var client = new InfluxClient(new HttpClient(), options);
        _writer = new TimeSeriesWriter(client, new TimeSeriesWriterOptions { SpoolDirectory = _spool }, NullLogger.Instance);
        return Task.FromResult<ITimeSeriesStore>(new InfluxTimeSeriesStore(client, _writer, options));
    }
}
