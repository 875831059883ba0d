using UrbanTwin.Contracts.Readings;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// A twin's readings in the time-series store, one point per reading under its kind, asset and
/// area. Appending does not wait for the store; what a twin appended is flushed apart from its
/// state (<see cref="Abstractions.Twins.IAssetTwinGrain.FlushSeriesAsync"/>), because the journal
/// keeps every reading until it is there and a replay appends it again (a point written twice is
/// kept once).
/// </summary>
internal static class TwinHistory
{
    /// <summary>Appends the readings; nothing for a twin that has no kind yet.</summary>
    public static ValueTask AppendAsync(ITimeSeriesStore series, string assetId, AssetTwinState twin, Reading[] readings)
    {
        if (readings.Length == 0 || twin.Kind is not { } kind)
        {
            return ValueTask.CompletedTask;
        }

        var points = new SeriesPoint[readings.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new SeriesPoint(kind, assetId, twin.Registration?.AreaId, readings[i]);
        }

        return series.AppendAsync(points, CancellationToken.None);
    }
}
