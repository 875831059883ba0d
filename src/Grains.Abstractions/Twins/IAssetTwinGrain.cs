using Orleans.Concurrency;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>The live twin of one physical asset, keyed by asset id.</summary>
[Alias("ut.IAssetTwinGrain")]
public interface IAssetTwinGrain : IGrainWithStringKey
{
    /// <summary>Binds the twin to its device and kind (at provisioning).</summary>
    [Alias("Bind")]
    Task BindDeviceAsync(string deviceId, DeviceKind kind);

    /// <summary>Registers or updates the asset (name, position, area, metadata) and lists it in its map cell.</summary>
    [Alias("Register")]
    Task RegisterAsync(AssetRegistration registration);

    /// <summary>
    /// Registers a new asset bound to its device, in one write; false (and nothing changed) when
    /// this id was ever registered before.
    /// </summary>
    [Alias("Create")]
    Task<bool> CreateAsync(AssetRegistration registration, string deviceId);

    /// <summary>Takes the asset out of service: off the map, history kept.</summary>
    [Alias("Decommission")]
    Task DecommissionAsync();

    /// <summary>
    /// Takes a device message's accepted readings; "latest" never moves backwards in time. A
    /// journalled batch the twin has already applied (a replay) changes nothing but is written to
    /// history again (a point written twice is stored once), so a replay restores history the
    /// crash took even when the twin's state already had the batch.
    /// </summary>
    [Alias("Ingest")]
    Task<IngestResult> IngestAsync(TelemetryBatch batch);

    /// <summary>
    /// Stores the twin's state if it has applied entries of the journal
    /// <paramref name="journalId"/> that are not stored yet; returns the journal LSN its stored
    /// state includes. Less than the journal expects: the journal must send it the rest. History is
    /// not flushed here (the twin keeps taking readings): see <see cref="FlushSeriesAsync"/>.
    /// </summary>
    [Alias("PersistThrough")]
    Task<long> PersistThroughAsync(string journalId);

    /// <summary>
    /// Completes when the readings this twin has appended so far are in the time-series store (or
    /// its spool on disk). It reads no state, so it runs alongside the twin's other calls and
    /// ingestion never waits for the store.
    /// </summary>
    [Alias("FlushSeries")]
    [AlwaysInterleave]
    Task FlushSeriesAsync();

    /// <summary>Counts readings the gateway rejected before they reached the twin.</summary>
    [Alias("CountRejected")]
    Task CountRejectedAsync(int rejected);

    /// <summary>Decides a bus priority request at this junction, records the decision, and returns it for the device.</summary>
    [Alias("Priority")]
    Task<PriorityDecision> RequestPriorityAsync(PriorityRequest request, long receivedAtMs);

    /// <summary>
    /// Replaces a junction's own priority policy settings (each null: the node's configuration);
    /// they apply from the next request. Refused (<see cref="ArgumentException"/>) out of range or for another kind.
    /// </summary>
    [Alias("SetPriorityPolicy")]
    Task SetPriorityPolicyAsync(PriorityPolicySettings settings);

    [Alias("Connection")]
    Task SetConnectionAsync(ConnectionChange change);

    [Alias("Snapshot")]
    Task<TwinSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Called for every asset in service when a node starts: the twin activates (listing itself
    /// again in its map cell and inventory) and stays in memory only if it has a device to watch.
    /// </summary>
    [Alias("Watch")]
    Task WatchAsync();
}
