using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Twins;
using UrbanTwin.TimeSeries.Series;
using static UrbanTwin.Grains.Tests.Twins.TestReadings;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>What a batch changes in a twin, new or replayed from the journal after a crash.</summary>
public sealed class TwinIngestTests
{
    private const long Start = 1_557_219_600_000;

    [Fact]
    public async Task A_new_journalled_batch_is_marked_applied_counted_and_appended_to_history()
    {
        var series = new RecordingSeries();
        var twin = new AssetTwinState { Kind = DeviceKind.AirQuality };
        var batch = Batch(new JournalPosition("node-a", 7), AReading(1, Start, (0, 41.5)));

        var changed = await TwinIngest.ApplyAsync(series, "aq-westminster-01", twin, batch);

        Assert.Equal(1, changed);
        Assert.True(twin.TryGetApplied("node-a", out var lsn) && lsn == 7, $"applied: {lsn}");
        Assert.Equal((1L, 2L, 3L, (long?)(Start + 500)), (twin.Accepted, twin.Duplicates, twin.Rejected, twin.LastSeenMs));
        Assert.Equal(41.5, twin.Latest[0]);
        var point = Assert.Single(series.Appended);
        Assert.Equal((DeviceKind.AirQuality, "aq-westminster-01", (string?)null, Start), (point.Kind, point.AssetId, point.AreaId, point.Reading.TimestampMs));
    }

    [Fact]
    public async Task A_replayed_batch_already_applied_changes_nothing_but_is_appended_to_history_again()
    {
        var series = new RecordingSeries();
        var twin = new AssetTwinState { Kind = DeviceKind.AirQuality };
        twin.MarkApplied("node-a", 7);
        var batch = Batch(new JournalPosition("node-a", 7), AReading(1, Start, (0, 41.5)));

        var changed = await TwinIngest.ApplyAsync(series, "aq-westminster-01", twin, batch);

        Assert.Null(changed);
        Assert.Equal((0L, 0L, 0L, (long?)null), (twin.Accepted, twin.Duplicates, twin.Rejected, twin.LastSeenMs));
        Assert.Equal(0, twin.Present);
        Assert.Single(series.Appended);
    }

    private static TelemetryBatch Batch(JournalPosition position, params Reading[] readings) =>
        new("aq-westminster-01-dev", DeviceKind.AirQuality, Start + 500, readings, Duplicates: 2, Rejected: 3, position);

    /// <summary>Keeps what a twin appends; a twin never queries its history.</summary>
    private sealed class RecordingSeries : ITimeSeriesStore
    {
        public List<SeriesPoint> Appended { get; } = [];

        public ValueTask AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken)
        {
            Appended.AddRange(points);
            return ValueTask.CompletedTask;
        }

        public Task InitializeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task FlushAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<SeriesValue>> RawAsync(DeviceKind kind, string assetId, string field, long fromMs, long toMs, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<SeriesValue>> AggregateAsync(DeviceKind kind, string key, bool byArea, string field, Aggregate aggregate, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<AssetWindow>> AggregateByAssetAsync(DeviceKind kind, string? areaId, IReadOnlyList<FieldAggregate> fields, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
