using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Embedded;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>The store contract against the embedded SQLite store.</summary>
public sealed class EmbeddedStoreContractTests : StoreContractTests
{
    private readonly string _directory = ServerProcess.CreateDirectory("series");
    private SqliteTimeSeriesStore? _store;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    protected override Task<ITimeSeriesStore> CreateStoreAsync()
    {
        _store = new SqliteTimeSeriesStore(Path.Combine(_directory, "series.db"), NullLogger.Instance);
        return Task.FromResult<ITimeSeriesStore>(_store);
    }
}
