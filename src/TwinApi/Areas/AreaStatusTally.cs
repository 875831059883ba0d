using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.AirQuality;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TwinApi.Areas;

/// <summary>
/// Adds up twins into an <see cref="AreaStatus"/>: pure, one snapshot at a time, so an area of
/// any size costs one small accumulator per field. Not thread-safe: callers adding from several
/// tasks take a lock.
/// </summary>
public sealed class AreaStatusTally(DeviceKind kind, long hourStartMs)
{
    private readonly IReadOnlyList<ContractField> _fields = SeriesSchema.FieldsOf(kind);
    private readonly FieldTotal[] _totals = [.. SeriesSchema.FieldsOf(kind).Select(_ => new FieldTotal())];
    private int _assets;
    private int _ok;
    private int _alert;
    private int _offline;
    private int _indexed;
    private long _indexSum;
    private DaqiBand? _worstBand;
    private int _counting;
    private long _in;
    private long _out;

    public void Add(TwinSnapshot twin)
    {
        _assets++;
        switch (twin.Status)
        {
            case AssetStatus.Ok:
                _ok++;
                break;
            case AssetStatus.Alert:
                _alert++;
                break;
            default:
                _offline++;
                break;
        }

        foreach (var value in twin.Latest)
        {
            for (var i = 0; i < _fields.Count; i++)
            {
                if (_fields[i].Name == value.Field)
                {
                    _totals[i].Add(value.Value);
                }
            }
        }

        if (twin.AirQuality is { Index: { } index } air)
        {
            _indexed++;
            _indexSum += index;
            if (air.Band is { } text && Enum.TryParse<DaqiBand>(text, out var band) && (_worstBand is null || band > _worstBand))
            {
                _worstBand = band;
            }
        }

        if (twin.Footfall is { } footfall && footfall.HourStartMs == hourStartMs)
        {
            _counting++;
            _in += footfall.HourIn;
            _out += footfall.HourOut;
        }
    }

    public AreaStatus ToStatus(string areaId, DateTimeOffset at)
    {
        var fields = new Dictionary<string, AreaStatus.FieldSummary>(StringComparer.Ordinal);
        for (var i = 0; i < _fields.Count; i++)
        {
            var t = _totals[i];
            fields[_fields[i].Name] = t.Count == 0
                ? new AreaStatus.FieldSummary(_fields[i].Unit, 0, null, null, null)
                : new AreaStatus.FieldSummary(_fields[i].Unit, t.Count, _fields[i].RoundMean(t.Sum / t.Count), t.Min, t.Max);
        }

        var airQuality = kind == DeviceKind.AirQuality
            ? new AreaStatus.AirQualitySummary(_indexed, _worstBand?.ToString(), _indexed == 0 ? null : FieldPrecision.Mean((double)_indexSum / _indexed, valueDecimals: 0))
            : null;
        var footfall = kind == DeviceKind.Footfall
            ? new AreaStatus.FootfallSummary(DateTimeOffset.FromUnixTimeMilliseconds(hourStartMs), _counting, _in, _out)
            : null;
        return new AreaStatus(areaId, kind, at, _assets, new AreaStatus.StatusCounts(_ok, _alert, _offline), fields, airQuality, footfall);
    }

    private sealed class FieldTotal
    {
        public int Count { get; private set; }

        public double Sum { get; private set; }

        public double Min { get; private set; } = double.PositiveInfinity;

        public double Max { get; private set; } = double.NegativeInfinity;

        public void Add(double value)
        {
            Count++;
            Sum += value;
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }
    }
}
