using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Core;
using Orleans.Storage;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Inventory;
using UrbanTwin.Grains.Abstractions.Live;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.AirQuality;
using UrbanTwin.Grains.BusPriority;
using UrbanTwin.Grains.Footfall;
using UrbanTwin.Grains.Live;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// The live twin of one asset: latest value per field with its reading time, connection state,
/// counters. Readings arriving out of order (a backlog upload) never move a field's latest value
/// backwards in time. Readings change the state in memory; it is written at most every
/// <see cref="FlushInterval"/> and when the twin deactivates, never once per reading. Binding and
/// connection changes (rare, and what operators look at first) are written at once. What is
/// written and what is still dirty is kept by a <see cref="WriteBehind"/>, so a write that fails
/// leaves the state dirty and the timer tries again; the timer is the twin's own. Once its
/// device has been heard from, a twin watches it: a one-shot grain timer (which keeps the twin
/// active) wakes it at the moment the device's silence would exceed its staleness limit, or after
/// <see cref="TwinOptions.StaleCheckPeriod"/> at the latest; if the device is silent by then the twin goes
/// offline and raises a <see cref="AlertKind.Stale"/> alert, cleared by the next reading. A twin
/// with nothing to flush and nothing to watch (never heard from, already stale, decommissioned)
/// has no timer and leaves memory when idle, so a fleet of a million registered assets costs
/// timers only for the devices that report. Changes
/// (accepted readings, status, alerts) go to the node's <see cref="LiveFeed"/>, only when someone
/// listens: with nobody listening a reading costs one flag check more.
/// </summary>
public sealed class AssetTwinGrain(
    [FromKeyedServices(GrainStorage.Name)] IGrainStorage storage,
    IOptions<TwinOptions> options,
    IOptions<PriorityPolicyOptions> priorityOptions,
    ITimeSeriesStore series,
    LiveFeed live,
    TwinClock clock) : Grain, IAssetTwinGrain
{
    /// <summary>Decisions kept for operators (newest first); older ones are in the statistics only.</summary>
    public const int RecentDecisionLimit = 20;

    /// <summary>The name the twin's state is stored under.</summary>
    public const string StateName = "twin";

    private static readonly (DaqiPollutant Pollutant, int Slot)[] DaqiSlots =
    [
        (DaqiPollutant.Pm25, AirQualityField.Pm25),
        (DaqiPollutant.Pm10, AirQualityField.Pm10),
        (DaqiPollutant.No2, AirQualityField.No2),
        (DaqiPollutant.O3, AirQualityField.O3),
    ];

    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    /// <summary>The state, read and written by the twin itself (see <see cref="OnActivateAsync"/>).</summary>
    private StateStorageBridge<AssetTwinState> _state = null!;

    private WriteBehind _writes = null!;
    private IGrainTimer? _timer;

    /// <summary>A junction's policy in force (<see cref="PolicyInForce"/>), null until first needed.</summary>
    private PriorityPolicyOptions? _policy;

    /// <summary>When the timer fires next (<see cref="Environment.TickCount64"/>), or <see cref="long.MaxValue"/> when it is not set.</summary>
    private long _nextTickAt = long.MaxValue;

    private long NowMs => clock.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Read here rather than through an injected IPersistentState: that facet subscribes every
        // activation to a grain lifecycle with its own lists and observers (about 300 B a twin),
        // for the migration between silos that twins do not use.
        _state = new StateStorageBridge<AssetTwinState>(StateName, GrainContext, storage);
        await _state.ReadStateAsync();
        _state.State.Upgrade();

        // One timer serves the flush and the staleness watch (see Schedule), so the twin runs it.
        _writes = new WriteBehind(_ => StoreAsync());
        Schedule();

        // Map cells write behind and may have lost their last second in a crash: the twin, the
        // source of truth, lists itself again (a no-op for a cell that has it).
        if (_state.State is { Cell: { } cell, CellListing: { } listing })
        {
            await GrainFactory.GetGrain<ICellGrain>(cell).UpsertAsync(listing);
        }

        // The inventory also writes behind: listing again heals what a crash lost.
        await SyncInventoryAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await _writes.FlushAsync(cancellationToken);
    }

    public async Task BindDeviceAsync(string deviceId, DeviceKind kind)
    {
        var twin = _state.State;
        if (twin.Kind is { } existing && existing != kind)
        {
            throw new InvalidOperationException($"asset {this.GetPrimaryKeyString()} is a {existing.ToSegment()} asset, not {kind.ToSegment()}");
        }

        twin.DeviceId = deviceId;
        twin.Kind = kind;
        twin.BoundAtMs ??= NowMs;
        await WriteAsync();
    }

    public async Task RegisterAsync(AssetRegistration registration)
    {
        var twin = _state.State;
        if (registration.AssetId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("registration is for another asset", nameof(registration));
        }

        if (twin.Kind is { } existing && existing != registration.Kind)
        {
            throw new InvalidOperationException($"asset {registration.AssetId} is a {existing.ToSegment()} asset, not {registration.Kind.ToSegment()}");
        }

        twin.Registration = registration;
        twin.Kind = registration.Kind;
        twin.Decommissioned = false;
        twin.BoundAtMs ??= NowMs;
        await SyncCellAsync();
        await SyncInventoryAsync();
        await WriteAsync();
    }

    public async Task<bool> CreateAsync(AssetRegistration registration, string deviceId)
    {
        if (_state.State.Registration is not null || _state.State.Decommissioned)
        {
            return false;
        }

        _state.State.DeviceId = deviceId;
        await RegisterAsync(registration);

        // Nothing to watch until the device first reports (which activates the twin again): a
        // bulk import of a whole city must not keep every new twin in memory.
        DeactivateOnIdle();
        return true;
    }

    public async Task DecommissionAsync()
    {
        var twin = _state.State;
        twin.Decommissioned = true;
        twin.Online = false;
        await SyncCellAsync();
        await SyncInventoryAsync();
        await WriteAsync();
        PublishTwin(0);
    }

    public async Task<IngestResult> IngestAsync(TelemetryBatch batch)
    {
        var twin = _state.State;
        if (batch.Journal is { } position)
        {
            if (twin.TryGetApplied(position.JournalId, out var applied) && position.Lsn <= applied)
            {
                // Replayed from the journal and already applied: its history may not have been
                // flushed before the crash, so it is written again (a point written twice is kept once).
                await AppendSeriesAsync(batch.Readings);
                return new IngestResult(0);
            }

            twin.MarkApplied(position.JournalId, position.Lsn);
        }

        var changed = 0;
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
                    changed |= 1 << slot;
                }
            }
        }

        await AppendSeriesAsync(batch.Readings);
        twin.Accepted += batch.Readings.Length;
        twin.Duplicates += batch.Duplicates;
        twin.Rejected += batch.Rejected;
        Seen(batch.ReceivedAtMs);
        MarkDirty();
        switch (twin.Kind)
        {
            case DeviceKind.AirQuality:
                await AssessAirQualityAsync(batch.Readings);
                break;
            case DeviceKind.Footfall:
                TallyFootfall(batch.Readings);
                break;
        }

        if (!twin.Online || FindActive(AlertKind.Stale) is not null)
        {
            twin.Online = true;
            await ClearAsync(AlertKind.Stale);
            await WriteAsync();
        }

        PublishTwin(changed);
        return new IngestResult(batch.Readings.Length);
    }

    public async Task<long> PersistThroughAsync(string journalId)
    {
        if (_writes.IsDirty)
        {
            await WriteAsync();
        }

        return _state.State.TryGetApplied(journalId, out var applied) ? applied : 0;
    }

    public Task FlushSeriesAsync() => series.FlushAsync(CancellationToken.None);

    public Task CountRejectedAsync(int rejected)
    {
        _state.State.Rejected += rejected;
        MarkDirty();
        return Task.CompletedTask;
    }

    public Task<PriorityDecision> RequestPriorityAsync(PriorityRequest request, long receivedAtMs)
    {
        var twin = _state.State;
        twin.Priority ??= new PriorityPolicyState();
        twin.PriorityStatistics ??= new PriorityStatistics();
        double? occupancy = (twin.Present & (1 << BusPriorityField.Occupancy)) != 0 ? twin.Latest[BusPriorityField.Occupancy] : null;
        var decision = new PriorityPolicy(PolicyInForce(), twin.Priority).Decide(request, occupancy, receivedAtMs);
        twin.PriorityStatistics.Record(request, decision);
        twin.RecentDecisions ??= [];
        twin.RecentDecisions.Insert(0, decision);
        if (twin.RecentDecisions.Count > RecentDecisionLimit)
        {
            twin.RecentDecisions.RemoveAt(twin.RecentDecisions.Count - 1);
        }

        Seen(receivedAtMs);
        MarkDirty();
        return Task.FromResult(decision);
    }

    public async Task SetPriorityPolicyAsync(PriorityPolicySettings settings)
    {
        if (_state.State.Kind != DeviceKind.BusPriority)
        {
            throw new ArgumentException($"asset {this.GetPrimaryKeyString()} is not a bus-priority junction", nameof(settings));
        }

        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        _state.State.PriorityOverrides = settings.IsEmpty ? null : settings;
        _policy = null;
        await WriteAsync();
        PublishTwin(0);
    }

    public async Task SetConnectionAsync(ConnectionChange change)
    {
        var twin = _state.State;
        twin.Online = change.State == DeviceState.Online;
        twin.Firmware = change.Firmware ?? twin.Firmware;
        Seen(change.ReceivedAtMs);
        await WriteAsync();
        Schedule();
        PublishTwin(0);
    }

    public Task WatchAsync()
    {
        // Activation has listed the twin again and set its timer if its device is watched.
        if (_timer is null)
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<TwinSnapshot> GetSnapshotAsync()
    {
        var twin = _state.State;
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

        var status = StatusOf(twin);
        return Task.FromResult(new TwinSnapshot(
            this.GetPrimaryKeyString(),
            twin.DeviceId,
            twin.Kind,
            latest,
            twin.Online,
            twin.LastSeenMs,
            twin.Firmware,
            twin.Accepted,
            twin.Duplicates,
            twin.Rejected,
            twin.ActiveAlerts is { } alerts ? [.. alerts] : [],
            status,
            twin.AirQuality,
            FootfallStatusOf(twin),
            BusPriorityStatusOf(twin),
            twin.Registration,
            twin.Decommissioned,
            twin.Kind == DeviceKind.BusPriority ? JunctionPolicy.Report(PolicyInForce()) : null,
            twin.PriorityOverrides,
            twin.BoundAtMs));
    }

    /// <summary>The configuration with the junction's own settings over it, made again only when those change.</summary>
    private PriorityPolicyOptions PolicyInForce() =>
        _policy ??= JunctionPolicy.Effective(priorityOptions.Value, _state.State.PriorityOverrides);

    private static FootfallStatus? FootfallStatusOf(AssetTwinState twin)
    {
        if (twin.Footfall is not { } tally || (twin.Present & (1 << FootfallField.CountIn)) == 0)
        {
            return null;
        }

        var newest = twin.LatestAt[FootfallField.CountIn] - 1;
        var hour = HourlyMeans.HourStartOf(newest);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(newest), TimeZoneInfo.FindSystemTimeZoneById(tally.TimeZoneId)).DateTime);
        var (hourIn, hourOut) = tally.HourTotal(hour);
        var (dayIn, dayOut) = tally.DayTotal(day);
        return new FootfallStatus(hour, hourIn, hourOut, day, dayIn, dayOut);
    }

    private static BusPriorityStatus? BusPriorityStatusOf(AssetTwinState twin)
    {
        if (twin.PriorityStatistics is not { } statistics)
        {
            return null;
        }

        static RouteStatistics Of(PriorityCounts counts) => new(counts.Requests, counts.Granted, counts.Denied, counts.MeanGrantedLatenessSeconds);
        return new BusPriorityStatus(
            statistics.Total.Requests,
            statistics.Total.Granted,
            statistics.Total.Denied,
            new Dictionary<string, long>(statistics.Total.Reasons),
            twin.RecentDecisions is { } decisions ? [.. decisions] : [],
            statistics.Routes.ToDictionary(r => r.Key, r => Of(r.Value), StringComparer.Ordinal),
            statistics.OtherRoutes.Requests > 0 ? Of(statistics.OtherRoutes) : null);
    }

    /// <summary>Adds the readings to the hourly means and assesses the DAQI for the newest hour; raises or clears the alert.</summary>
    private async Task AssessAirQualityAsync(Reading[] readings)
    {
        var twin = _state.State;
        long? newest = null;
        foreach (var reading in readings)
        {
            foreach (var (pollutant, slot) in DaqiSlots)
            {
                if (reading.TryGet(slot, out var value))
                {
                    twin.Means ??= new StationMeans();
                    twin.Means.Add(pollutant, reading.TimestampMs, value);
                    newest = Math.Max(newest ?? long.MinValue, reading.TimestampMs);
                }
            }
        }

        if (newest is not { } latest)
        {
            return;
        }

        // Never an hour before the last one assessed, so never before any pollutant's newest hour:
        // what the means keep (see HourlyMeans) relies on it.
        var hour = Math.Max(HourlyMeans.HourStartOf(latest), twin.AirQuality?.HourStartMs ?? long.MinValue);
        var assessment = twin.Means!.Assess(hour);
        var previous = twin.AirQuality?.Band is { } band ? Enum.Parse<DaqiBand>(band) : (DaqiBand?)null;
        twin.AirQuality = new AirQualityStatus(
            hour,
            assessment.OverallIndex,
            assessment.Band?.ToString(),
            assessment.WorstPollutant?.ToString(),
            assessment.Pm25?.Index,
            assessment.Pm10?.Index,
            assessment.No2?.Index,
            assessment.O3?.Index);
        switch (DaqiAlertRule.Evaluate(previous, assessment.Band))
        {
            case DaqiAlertAction.Raise:
                await ClearAsync(AlertKind.AirQualityHigh);
                await RaiseAsync(
                    AlertKind.AirQualityHigh,
                    assessment.Band == DaqiBand.VeryHigh ? AlertSeverity.Critical : AlertSeverity.Warning,
                    $"air quality index {assessment.OverallIndex} ({assessment.Band}), set by {assessment.WorstPollutant}");
                await WriteAsync();
                break;
            case DaqiAlertAction.Clear:
                await ClearAsync(AlertKind.AirQualityHigh);
                await WriteAsync();
                break;
        }
    }

    private void TallyFootfall(Reading[] readings)
    {
        var twin = _state.State;
        twin.Footfall ??= new FootfallTally();
        foreach (var reading in readings)
        {
            if (reading.TryGet(FootfallField.Interval, out var interval) && reading.TryGet(FootfallField.CountIn, out var countIn) && reading.TryGet(FootfallField.CountOut, out var countOut))
            {
                twin.Footfall.Add(reading.TimestampMs, (int)interval, (int)countIn, (int)countOut);
            }
        }
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

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _nextTickAt = long.MaxValue;
        try
        {
            await CheckStaleAsync();
            await _writes.FlushAsync(cancellationToken);
        }
        finally
        {
            // Also after a failed write: the twin stays dirty and tries again, instead of waiting
            // for a change that would not re-arm the timer (it is armed on the first change only).
            Schedule();
        }
    }

    private void MarkDirty()
    {
        var first = !_writes.IsDirty;
        _writes.Changed();
        if (first)
        {
            Schedule();
        }
    }

    /// <summary>
    /// Sets the one-shot timer for the twin's next duty: a flush <see cref="FlushInterval"/> after
    /// the first unsaved change, else the moment its device's silence would pass the staleness
    /// limit (at most <see cref="TwinOptions.StaleCheckPeriod"/> ahead, so a changed clock or limit
    /// is noticed), else nothing. The timer is only moved earlier, never pushed back, so a busy
    /// twin changes it at most once per flush.
    /// </summary>
    private void Schedule()
    {
        TimeSpan due;
        if (_writes.IsDirty)
        {
            due = FlushInterval;
        }
        else if (UntilStale() is { } untilStale)
        {
            due = untilStale < options.Value.StaleCheckPeriod ? untilStale : options.Value.StaleCheckPeriod;
        }
        else
        {
            return;
        }

        var at = Environment.TickCount64 + (long)due.TotalMilliseconds;
        if (at >= _nextTickAt)
        {
            return;
        }

        _nextTickAt = at;
        if (_timer is null)
        {
            // A static callback with the twin as its state: no delegate per twin.
            _timer = this.RegisterGrainTimer(static (twin, cancellationToken) => twin.TickAsync(cancellationToken), this, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>How long until the device's silence passes its limit, when the twin watches it (heard from, not stale yet, in service).</summary>
    private TimeSpan? UntilStale()
    {
        var twin = _state.State;
        if (twin.Kind is not { } kind || twin.LastSeenMs is not { } since || twin.Decommissioned || FindActive(AlertKind.Stale) is not null)
        {
            return null;
        }

        var remainingMs = StaleLimit(options.Value, kind, twin.ReportedIntervalSeconds).TotalMilliseconds - (NowMs - since) + 1;
        return TimeSpan.FromMilliseconds(Math.Max(0, remainingMs));
    }

    private async Task CheckStaleAsync()
    {
        var twin = _state.State;
        if (twin.Kind is not { } kind || twin.LastSeenMs is not { } since || twin.Decommissioned || FindActive(AlertKind.Stale) is not null)
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
        PublishTwin(0);
    }

    private Alert? FindActive(AlertKind kind) => _state.State.ActiveAlerts?.Find(a => a.Kind == kind);

    private async Task RaiseAsync(AlertKind kind, AlertSeverity severity, string reason)
    {
        var now = clock.Time.GetUtcNow();
        var assetId = this.GetPrimaryKeyString();
        var alert = new Alert($"{assetId}:{kind}:{now.ToUnixTimeMilliseconds()}", assetId, _state.State.Kind, kind, severity, now, reason, AreaId: _state.State.Registration?.AreaId);
        (_state.State.ActiveAlerts ??= []).Add(alert);
        await GrainFactory.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).RecordAsync(alert);
        PublishAlert(alert);
    }

    private async Task ClearAsync(AlertKind kind)
    {
        if (FindActive(kind) is not { } active)
        {
            return;
        }

        _state.State.ActiveAlerts!.Remove(active);
        if (_state.State.ActiveAlerts.Count == 0)
        {
            _state.State.ActiveAlerts = null;
        }

        var cleared = active with { ClearedAt = clock.Time.GetUtcNow() };
        await GrainFactory.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).RecordAsync(cleared);
        PublishAlert(cleared);
    }

    /// <summary>Tells live listeners the twin's status and the latest values in <paramref name="changedSlots"/> (a bit per slot).</summary>
    private void PublishTwin(int changedSlots)
    {
        if (!live.IsWanted || _state.State is not { Kind: { } kind } twin)
        {
            return;
        }

        var latest = new List<FieldValue>();
        foreach (var field in ContractSchemas.For(kind, MessageType.Telemetry)!.Fields)
        {
            if (field.IsNumeric && field.Classification != FieldClassification.Personal && (changedSlots & (1 << field.Slot)) != 0)
            {
                latest.Add(new FieldValue(field.Name, twin.Latest[field.Slot], twin.LatestAt[field.Slot]));
            }
        }

        live.Publish(LiveEventOf(new TwinChange(StatusOf(twin), latest), null));
    }

    private void PublishAlert(Alert alert)
    {
        if (live.IsWanted)
        {
            live.Publish(LiveEventOf(null, alert));
        }
    }

    private LiveEvent LiveEventOf(TwinChange? change, Alert? alert)
    {
        var registration = _state.State.Registration;
        return new LiveEvent(this.GetPrimaryKeyString(), _state.State.Kind, registration?.AreaId, registration?.Longitude, registration?.Latitude, change, alert);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";

    private void Seen(long atMs) => _state.State.LastSeenMs = _state.State.LastSeenMs is { } last && last > atMs ? last : atMs;

    /// <summary>Stores the state now; if that fails, it stays dirty and the timer tries again.</summary>
    private async Task WriteAsync()
    {
        _writes.Changed();
        try
        {
            await _writes.FlushAsync(CancellationToken.None);
        }
        catch
        {
            Schedule();
            throw;
        }
    }

    /// <summary>
    /// Stores the state (the write of <see cref="_writes"/>). History is not flushed first: the
    /// journal keeps what a stored state includes until the twin's readings are in the
    /// time-series store (<see cref="FlushSeriesAsync"/>), and a replay writes them again.
    /// </summary>
    private async Task StoreAsync()
    {
        await SyncCellAsync();
        await _state.WriteStateAsync();
    }

    private async Task AppendSeriesAsync(Reading[] readings)
    {
        if (readings.Length == 0 || _state.State.Kind is not { } kind)
        {
            return;
        }

        var points = new SeriesPoint[readings.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new SeriesPoint(kind, this.GetPrimaryKeyString(), _state.State.Registration?.AreaId, readings[i]);
        }

        await series.AppendAsync(points, CancellationToken.None);
    }

    private static string StatusOf(AssetTwinState twin) =>
        twin.Decommissioned ? AssetStatus.Decommissioned : !twin.Online ? AssetStatus.Offline : twin.ActiveAlerts is { Count: > 0 } ? AssetStatus.Alert : AssetStatus.Ok;

    /// <summary>Keeps the twin's map cell listing in step with its registration and status (moves, renames, status changes, decommissioning).</summary>
    private async Task SyncCellAsync()
    {
        var twin = _state.State;
        var registration = twin.Decommissioned ? null : twin.Registration;
        var wanted = registration is null ? null : Geohash.Encode(registration.Longitude, registration.Latitude);
        if (twin.Cell is { } current && current != wanted)
        {
            await GrainFactory.GetGrain<ICellGrain>(current).RemoveAsync(this.GetPrimaryKeyString());
            twin.Cell = null;
            twin.CellListing = null;
        }

        if (registration is null)
        {
            return;
        }

        var listing = new CellEntry(registration.AssetId, registration.Longitude, registration.Latitude, registration.Kind, StatusOf(twin), registration.AreaId, registration.Name);
        if (twin.Cell != wanted || twin.CellListing != listing)
        {
            await GrainFactory.GetGrain<ICellGrain>(wanted!).UpsertAsync(listing);
            twin.Cell = wanted;
            twin.CellListing = listing;
        }
    }

    /// <summary>Keeps the asset listed in its kind's inventory while it is registered and in service.</summary>
    private Task SyncInventoryAsync()
    {
        if (_state.State.Registration is not { } registration)
        {
            return Task.CompletedTask;
        }

        var shard = GrainFactory.GetGrain<IInventoryShardGrain>(AssetInventory.ShardKey(registration.Kind, registration.AssetId));
        return _state.State.Decommissioned ? shard.RemoveAsync(registration.AssetId) : shard.AddAsync(registration.AssetId);
    }
}
