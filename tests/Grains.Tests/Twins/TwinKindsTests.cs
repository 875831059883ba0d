using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Twins;
using UrbanTwin.Grains.Twins.Kinds;
using static UrbanTwin.Grains.Tests.Twins.TestReadings;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>Each kind's twin behaviour on its own: a state and readings in, the kind's derived state (and alerts) out.</summary>
public sealed class TwinKindsTests
{
    private const long HourMs = 3_600_000;
    private const long FirstHourMs = 1_557_216_000_000; // 2019-05-07T08:00:00Z

    [Fact]
    public void Every_kind_of_device_has_a_twin_behaviour()
    {
        foreach (var kind in Enum.GetValues<DeviceKind>())
        {
            Assert.NotNull(TwinKinds.Of(kind));
        }
    }

    [Fact]
    public async Task A_footfall_counter_tallies_its_intervals_and_reports_at_the_interval_it_announces()
    {
        var twin = new AssetTwinState { Kind = DeviceKind.Footfall };
        var alerts = new RecordedAlerts();

        await TwinKinds.Of(DeviceKind.Footfall).ApplyAsync(
            twin,
            [
                AReading(1, FirstHourMs + (15 * 60_000), (FootfallField.Interval, 900), (FootfallField.CountIn, 40), (FootfallField.CountOut, 31)),
                AReading(2, FirstHourMs + (30 * 60_000), (FootfallField.Interval, 600), (FootfallField.CountIn, 12), (FootfallField.CountOut, 9)),
            ],
            alerts);

        Assert.Equal(600, twin.ReportedIntervalSeconds);
        Assert.Equal((52L, 40L), twin.Footfall!.HourTotal(FirstHourMs));
        Assert.Equal(TimeSpan.FromMinutes(10), TwinKinds.Of(DeviceKind.Footfall).ExpectedInterval(new TwinOptions(), twin));
        Assert.Empty(alerts.Raised);
    }

    [Fact]
    public async Task An_air_quality_station_raises_its_alert_on_a_high_band_and_clears_it_when_the_band_falls()
    {
        var twin = new AssetTwinState { Kind = DeviceKind.AirQuality };
        var alerts = new RecordedAlerts();
        var station = TwinKinds.Of(DeviceKind.AirQuality);

        // NO2 is averaged over one hour: 450 µg/m³ is band High (index 7), 90 is Low.
        await station.ApplyAsync(twin, [AReading(1, FirstHourMs + 600_000, (AirQualityField.No2, 450))], alerts);
        var raised = Assert.Single(alerts.Raised);
        await station.ApplyAsync(twin, [AReading(2, FirstHourMs + HourMs + 600_000, (AirQualityField.No2, 90))], alerts);

        Assert.Equal((AlertKind.AirQualityHigh, AlertSeverity.Warning), (raised.Kind, raised.Severity));
        Assert.Equal([AlertKind.AirQualityHigh, AlertKind.AirQualityHigh], alerts.Cleared);
        Assert.Equal("Low", twin.AirQuality!.Band);
        Assert.Equal(FirstHourMs + HourMs, twin.AirQuality.HourStartMs);
    }

    /// <summary>The alerts a behaviour raised and cleared, in order (the twin's side of <see cref="ITwinAlerts"/>).</summary>
    private sealed class RecordedAlerts : ITwinAlerts
    {
        public List<(AlertKind Kind, AlertSeverity Severity)> Raised { get; } = [];

        public List<AlertKind> Cleared { get; } = [];

        public Task RaiseAsync(AlertKind kind, AlertSeverity severity, string reason)
        {
            Raised.Add((kind, severity));
            return Task.CompletedTask;
        }

        public Task ClearAsync(AlertKind kind)
        {
            Cleared.Add(kind);
            return Task.CompletedTask;
        }

        public Task WriteAsync() => Task.CompletedTask;
    }
}
