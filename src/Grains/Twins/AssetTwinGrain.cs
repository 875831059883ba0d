using Microsoft.Extensions.Options;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// The live twin of one asset: latest value per field with its reading time, connection state,
/// counters. Readings arriving out of order (a backlog upload) never move a field's latest value
/// backwards in time. Readings change the state in memory; it is written at most every
/// <see cref="FlushInterval"/> and when the twin deactivates, never once per reading. Binding and
/// connection changes (rare, and what operators look at first) are written at once. A grain
/// timer (which keeps the twin active) checks every <see cref="TwinOptions.StaleCheckPeriod"/>
/// whether the device has been silent longer than its staleness limit; if so the twin goes
/// offline and raises a <see cref="AlertKind.Stale"/> alert, cleared by the next reading.
/// </summary>
public sealed class AssetTwinGrain(
    [PersistentState("twin", GrainStorage.Name)] IPersistentState<AssetTwinState> state,
    IOptions<TwinOptions> options,
    TwinClock clock) : Grain, IAssetTwinGrain
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private bool _dirty;
    private IGrainTimer? _flush;
    private IGrainTimer? _staleCheck;

    private long NowMs => clock.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _flush = this.RegisterGrainTimer(FlushIfDirtyAsync, new GrainTimerCreationOptions(FlushInterval, FlushInterval) { Interleave = false, KeepAlive = false });
        var period = options.Value.StaleCheckPeriod;
        _staleCheck = this.RegisterGrainTimer(CheckStaleAsync, new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        _staleCheck?.Dispose();
        await FlushIfDirtyAsync(cancellationToken);
    }

    public async Task BindDeviceAsync(string deviceId, DeviceKind kind)
    {
        var twin = state.State;
        if (twin.Kind is { } existing && existing != kind)
        {
            throw new InvalidOperationException($"asset {this.GetPrimaryKeyString()} is a {existing.ToSegment()} asset, not {kind.ToSegment()}");
        }

        twin.DeviceId = deviceId;
        twin.Kind = kind;
        twin.BoundAtMs ??= NowMs;
        await WriteAsync();
    }

    public async Task<IngestResult> IngestAsync(TelemetryBatch batch)
    {
        var twin = state.State;
        foreach (var reading in batch.Readings)
        {
            if (twin.Kind == DeviceKind.Footfall && reading.TryGet(FootfallField.Interval, out var interval))
            {
                twin.ReportedIntervalSeconds = (int)interval;
            }

            for (var slot = 0; slot < FieldValues.Capacity; slot++)
            {
                var isNewer = (twin.Present & (1 << slot)) == 0 || reading.TimestampMs >= twin.LatestAt[slot];
                if (isNewer && reading.TryGet(slot, out var value))
                {
                    twin.Latest[slot] = value;
                    twin.LatestAt[slot] = reading.TimestampMs;
                    twin.Present |= 1 << slot;
                }
            }
        }

        twin.Accepted += batch.Readings.Length;
        twin.Duplicates += batch.Duplicates;
        twin.Rejected += batch.Rejected;
        Seen(batch.ReceivedAtMs);
        _dirty = true;
        if (!twin.Online || FindActive(AlertKind.Stale) is not null)
        {
            twin.Online = true;
            await ClearAsync(AlertKind.Stale);
            await WriteAsync();
        }

        return new IngestResult(batch.Readings.Length);
    }

    public Task CountRejectedAsync(int rejected)
    {
        state.State.Rejected += rejected;
        _dirty = true;
        return Task.CompletedTask;
    }

    public async Task SetConnectionAsync(ConnectionChange change)
    {
        var twin = state.State;
        twin.Online = change.State == DeviceState.Online;
        twin.Firmware = change.Firmware ?? twin.Firmware;
        Seen(change.ReceivedAtMs);
        await WriteAsync();
    }

    public Task<TwinSnapshot> GetSnapshotAsync()
    {
        var twin = state.State;
        var latest = new List<FieldValue>();
        if (twin.Kind is { } kind && ContractSchemas.For(kind, MessageType.Telemetry) is { } schema)
        {
            foreach (var field in schema.Fields)
            {
                if (field.IsNumeric && (twin.Present & (1 << field.Slot)) != 0)
                {
                    latest.Add(new FieldValue(field.Name, twin.Latest[field.Slot], twin.LatestAt[field.Slot]));
                }
            }
        }

        return Task.FromResult(new TwinSnapshot(
            this.GetPrimaryKeyString(), twin.DeviceId, twin.Kind, latest, twin.Online, twin.LastSeenMs, twin.Firmware, twin.Accepted, twin.Duplicates, twin.Rejected, [.. twin.ActiveAlerts]));
    }

    /// <summary>How long the device may be silent before the twin is stale, by its kind.</summary>
    public static TimeSpan StaleLimit(TwinOptions options, DeviceKind kind, int? reportedIntervalSeconds)
    {
        var expected = kind switch
        {
            DeviceKind.AirQuality => options.AirQualityInterval,
            DeviceKind.Footfall => reportedIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.FootfallInterval,
            _ => options.BusPriorityInterval,
        };
        return expected * options.StaleAfterIntervals;
    }

    private async Task CheckStaleAsync(CancellationToken cancellationToken)
    {
        var twin = state.State;
        if (twin.Kind is not { } kind || (twin.LastSeenMs ?? twin.BoundAtMs) is not { } since || FindActive(AlertKind.Stale) is not null)
        {
            return;
        }

        var limit = StaleLimit(options.Value, kind, twin.ReportedIntervalSeconds);
        var silent = TimeSpan.FromMilliseconds(NowMs - since);
        if (silent <= limit)
        {
            return;
        }

        twin.Online = false;
        await RaiseAsync(AlertKind.Stale, AlertSeverity.Warning, $"no reading for {Describe(silent)} (limit {Describe(limit)})");
        await WriteAsync();
    }

    private Alert? FindActive(AlertKind kind) => state.State.ActiveAlerts.Find(a => a.Kind == kind);

    private async Task RaiseAsync(AlertKind kind, AlertSeverity severity, string reason)
    {
        var now = clock.Time.GetUtcNow();
        var assetId = this.GetPrimaryKeyString();
        var alert = new Alert($"{assetId}:{kind}:{now.ToUnixTimeMilliseconds()}", assetId, state.State.Kind, kind, severity, now, reason);
        state.State.ActiveAlerts.Add(alert);
        await GrainFactory.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).RecordAsync(alert);
    }

    private async Task ClearAsync(AlertKind kind)
    {
        if (FindActive(kind) is not { } active)
        {
            return;
        }

        state.State.ActiveAlerts.Remove(active);
        await GrainFactory.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).RecordAsync(active with { ClearedAt = clock.Time.GetUtcNow() });
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";

    private void Seen(long atMs) => state.State.LastSeenMs = state.State.LastSeenMs is { } last && last > atMs ? last : atMs;

    private async Task WriteAsync()
    {
        await state.WriteStateAsync();
        _dirty = false;
    }

    private async Task FlushIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await WriteAsync();
        }
    }
}
