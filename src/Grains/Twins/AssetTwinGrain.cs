using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Core;
using Orleans.Storage;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.BusPriority;
using UrbanTwin.Grains.Live;
using UrbanTwin.Grains.Twins.Kinds;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// The live twin of one asset: latest value per field with its reading time, connection state,
/// counters; readings arriving out of order (a backlog upload) never move a field's latest value
/// backwards in time. The twin orchestrates; each concern is a collaborator of its own:
/// what its kind derives (<see cref="TwinKinds"/>: air quality, footfall, bus priority), when its
/// device is stale (<see cref="StalenessWatch"/>), where it is listed (<see cref="TwinListing"/>:
/// map cell, inventory), what goes on the live feed (<see cref="TwinEvents"/>, only when someone
/// listens), what it shows (<see cref="TwinSnapshots"/>) and what a batch changes before its kind
/// looks at it (<see cref="TwinIngest"/>: journal position, latest values, history, counters).
/// Readings change the state in memory; it is written behind (<see cref="TwinWrites"/>) at most
/// every <see cref="FlushInterval"/> and when the twin deactivates, and binding, connection and
/// alert changes at once. One one-shot grain timer runs the flush and wakes the twin when its
/// device's silence would pass the limit; a twin with nothing to flush or watch has no timer and
/// leaves memory when idle, so a million registered assets cost timers only for the devices that report.
/// </summary>
public sealed class AssetTwinGrain(
    [FromKeyedServices(GrainStorage.Name)] IGrainStorage storage,
    IOptions<TwinOptions> options,
    IOptions<PriorityPolicyOptions> priorityOptions,
    ITimeSeriesStore series,
    LiveFeed live,
    TwinClock clock,
    CleanStop cleanStop) : Grain, IAssetTwinGrain, ITwinAlerts
{
    /// <summary>The name the twin's state is stored under.</summary>
    public const string StateName = "twin";

    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    /// <summary>The state, read and written by the twin itself (see <see cref="OnActivateAsync"/>).</summary>
    private StateStorageBridge<AssetTwinState> _state = null!;

    /// <summary>What is unsaved and the one timer that flushes it and watches for staleness.</summary>
    private TwinWrites _writes;

    /// <summary>A junction's policy in force (<see cref="PolicyInForce"/>), null until first needed.</summary>
    private PriorityPolicyOptions? _policy;

    private string AssetId => this.GetPrimaryKeyString();

    private long NowMs => clock.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Read here rather than through an injected IPersistentState: that facet subscribes every
        // activation to a grain lifecycle with its own lists and observers (about 300 B a twin),
        // for the migration between silos that twins do not use.
        _state = new StateStorageBridge<AssetTwinState>(StateName, GrainContext, storage);
        await _state.ReadStateAsync();
        _state.State.Upgrade();

        // One timer serves the flush and the staleness watch (see TwinWrites), so the twin runs it.
        _writes = new TwinWrites(_ => StoreAsync());
        _writes.Schedule(this);

        // Map cells and the inventory write behind and may have lost their last second in a
        // crash: the twin, the source of truth, lists itself again.
        await TwinListing.RelistAsync(GrainFactory, _state.State);
        cleanStop.Activated();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _writes.Dispose();
        await _writes.FlushAsync(cancellationToken);
        var watching = reason.ReasonCode == DeactivationReasonCode.ShuttingDown && StalenessWatch.UntilStale(options.Value, _state.State, NowMs) is not null;
        cleanStop.Deactivated(AssetId, watching);
    }

    public async Task BindDeviceAsync(string deviceId, DeviceKind kind)
    {
        TwinRegistration.Bind(_state.State, AssetId, deviceId, kind, NowMs);
        await WriteAsync();
    }

    public async Task RegisterAsync(AssetRegistration registration)
    {
        TwinRegistration.Register(_state.State, AssetId, registration, NowMs);
        await TwinListing.SyncCellAsync(GrainFactory, AssetId, _state.State);
        await TwinListing.SyncInventoryAsync(GrainFactory, _state.State);
        await WriteAsync();
    }

    public async Task<bool> CreateAsync(AssetRegistration registration, string deviceId)
    {
        if (!TwinRegistration.TryClaim(_state.State, deviceId))
        {
            return false;
        }

        await RegisterAsync(registration);

        // Nothing to watch until the device first reports (which activates the twin again): a
        // bulk import of a whole city must not keep every new twin in memory.
        DeactivateOnIdle();
        return true;
    }

    public async Task DecommissionAsync()
    {
        var twin = _state.State;
        TwinRegistration.Decommission(twin);
        await TwinListing.SyncCellAsync(GrainFactory, AssetId, twin);
        await TwinListing.SyncInventoryAsync(GrainFactory, twin);
        await WriteAsync();
        TwinEvents.Changed(live, AssetId, twin, 0);
    }

    public async Task<IngestResult> IngestAsync(TelemetryBatch batch)
    {
        var twin = _state.State;
        if (await TwinIngest.ApplyAsync(series, AssetId, twin, batch) is not { } changed)
        {
            return new IngestResult(0);
        }

        _writes.Changed(this);
        if (twin.Kind is { } kind)
        {
            await TwinKinds.Of(kind).ApplyAsync(twin, batch.Readings, this);
        }

        if (!twin.Online || TwinAlerting.FindActive(twin, AlertKind.Stale) is not null)
        {
            twin.Online = true;
            await ClearAsync(AlertKind.Stale);
            await WriteAsync();
        }

        TwinEvents.Changed(live, AssetId, twin, changed);
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
        _writes.Changed(this);
        return Task.CompletedTask;
    }

    public Task<PriorityDecision> RequestPriorityAsync(PriorityRequest request, long receivedAtMs)
    {
        var decision = BusPriorityTwin.Decide(_state.State, PolicyInForce(), request, receivedAtMs);
        _state.State.Seen(receivedAtMs);
        _writes.Changed(this);
        return Task.FromResult(decision);
    }

    public async Task SetPriorityPolicyAsync(PriorityPolicySettings settings)
    {
        BusPriorityTwin.SetPolicy(_state.State, AssetId, settings);
        _policy = null;
        await WriteAsync();
        TwinEvents.Changed(live, AssetId, _state.State, 0);
    }

    public async Task SetConnectionAsync(ConnectionChange change)
    {
        var twin = _state.State;
        twin.Online = change.State == DeviceState.Online;
        twin.Firmware = change.Firmware ?? twin.Firmware;
        twin.Seen(change.ReceivedAtMs);
        await WriteAsync();
        _writes.Schedule(this);
        TwinEvents.Changed(live, AssetId, twin, 0);
    }

    public Task WatchAsync()
    {
        // Activation has listed the twin again and set its timer if its device is watched.
        if (!_writes.HasTimer)
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<TwinSnapshot> GetSnapshotAsync() =>
        Task.FromResult(TwinSnapshots.Of(AssetId, _state.State, _state.State.Kind == DeviceKind.BusPriority ? PolicyInForce() : null));

    /// <summary>The configuration with the junction's own settings over it, made again only when those change.</summary>
    private PriorityPolicyOptions PolicyInForce() =>
        _policy ??= JunctionPolicy.Effective(priorityOptions.Value, _state.State.PriorityOverrides);

    Task ITwinAlerts.RaiseAsync(AlertKind kind, AlertSeverity severity, string reason) => RaiseAsync(kind, severity, reason);

    Task ITwinAlerts.ClearAsync(AlertKind kind) => ClearAsync(kind);

    Task ITwinAlerts.WriteAsync() => WriteAsync();

    /// <summary>The timer's duties: the staleness check, then the flush.</summary>
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        _writes.Fired();
        try
        {
            await CheckStaleAsync();
            await _writes.FlushAsync(cancellationToken);
        }
        finally
        {
            // Also after a failed write: the twin stays dirty and tries again, instead of waiting
            // for a change that would not re-arm the timer (it is armed on the first change only).
            _writes.Schedule(this);
        }
    }

    /// <summary>When the staleness watch should look at the device's silence next (<see cref="StalenessWatch.NextCheck"/>).</summary>
    internal TimeSpan? NextStaleCheck() => StalenessWatch.NextCheck(options.Value, _state.State, NowMs);

    /// <summary>Goes offline and raises the stale alert once the watched device's silence has passed its limit.</summary>
    private async Task CheckStaleAsync()
    {
        if (StalenessWatch.StaleReason(options.Value, _state.State, NowMs) is not { } reason)
        {
            return;
        }

        _state.State.Online = false;
        await RaiseAsync(AlertKind.Stale, AlertSeverity.Warning, reason);
        await WriteAsync();
        TwinEvents.Changed(live, AssetId, _state.State, 0);
    }

    private async Task RaiseAsync(AlertKind kind, AlertSeverity severity, string reason) =>
        TwinEvents.Alerted(live, AssetId, _state.State, await TwinAlerting.RaiseAsync(GrainFactory, AssetId, _state.State, clock.Time.GetUtcNow(), kind, severity, reason));

    private async Task ClearAsync(AlertKind kind)
    {
        if (await TwinAlerting.ClearAsync(GrainFactory, _state.State, clock.Time.GetUtcNow(), kind) is { } cleared)
        {
            TwinEvents.Alerted(live, AssetId, _state.State, cleared);
        }
    }

    /// <summary>Stores the state now; if that fails, it stays dirty and the timer tries again.</summary>
    private async Task WriteAsync()
    {
        _writes.ChangedNow();
        try
        {
            await _writes.FlushAsync(CancellationToken.None);
        }
        catch
        {
            _writes.Schedule(this);
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
        await TwinListing.SyncCellAsync(GrainFactory, AssetId, _state.State);
        await _state.WriteStateAsync();
    }
}
