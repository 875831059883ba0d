using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.AirQuality;
using UrbanTwin.Grains.BusPriority;
using UrbanTwin.Grains.Footfall;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// What a twin keeps across restarts: small, written on change or on a timer, never per reading.
/// A city's twins stay in memory for as long as their devices report, so what a twin does not use
/// is not allocated: each kind's part is created when the twin first needs it, and collections that
/// are empty are null (<see cref="Upgrade"/> brings a state stored by an older release to this form).
/// </summary>
[GenerateSerializer]
[Alias("ut.AssetTwinState")]
public sealed class AssetTwinState
{
    [Id(0)]
    public string? DeviceId { get; set; }

    [Id(1)]
    public DeviceKind? Kind { get; set; }

    /// <summary>Latest value per field slot, and when it was measured (epoch ms).</summary>
    [Id(2)]
    public double[] Latest { get; set; } = new double[FieldValues.Capacity];

    [Id(3)]
    public long[] LatestAt { get; set; } = new long[FieldValues.Capacity];

    /// <summary>Bit i set: slot i has a latest value.</summary>
    [Id(4)]
    public int Present { get; set; }

    [Id(5)]
    public bool Online { get; set; }

    [Id(6)]
    public long? LastSeenMs { get; set; }

    [Id(7)]
    public string? Firmware { get; set; }

    [Id(8)]
    public long Accepted { get; set; }

    [Id(9)]
    public long Duplicates { get; set; }

    [Id(10)]
    public long Rejected { get; set; }

    /// <summary>When the twin was bound to its device: the staleness clock's start before any reading.</summary>
    [Id(11)]
    public long? BoundAtMs { get; set; }

    /// <summary>The reporting interval a footfall counter announced in its last reading (s).</summary>
    [Id(12)]
    public int? ReportedIntervalSeconds { get; set; }

    /// <summary>The alerts raised and not cleared yet; null when there are none.</summary>
    [Id(13)]
    public List<Alert>? ActiveAlerts { get; set; }

    /// <summary>
    /// Air quality until December 2026: the hourly means per pollutant as 48-hour rings. Read from
    /// the states stored then; <see cref="Upgrade"/> moves them into <see cref="Means"/>. (Grain
    /// storage that writes JSON matches properties by name and never held a ring's hours, whose
    /// fields are private: it skips the old property, named <c>Pollutants</c>.)
    /// </summary>
    [Id(14)]
    public Dictionary<DaqiPollutant, LegacyHourlyMeans>? LegacyPollutants { get; set; }

    /// <summary>Air quality: the hourly means of the pollutants the station reports, for the DAQI's running means.</summary>
    [Id(26)]
    public StationMeans? Means { get; set; }

    [Id(15)]
    public AirQualityStatus? AirQuality { get; set; }

    /// <summary>Footfall: the interval tally.</summary>
    [Id(16)]
    public FootfallTally? Footfall { get; set; }

    /// <summary>Bus priority: the policy's state, statistics and recent decisions.</summary>
    [Id(17)]
    public PriorityPolicyState? Priority { get; set; }

    [Id(18)]
    public PriorityStatistics? PriorityStatistics { get; set; }

    /// <summary>The newest decisions first; null before the first.</summary>
    [Id(19)]
    public List<PriorityDecision>? RecentDecisions { get; set; }

    /// <summary>The asset's registration: name, position, area, metadata.</summary>
    [Id(20)]
    public AssetRegistration? Registration { get; set; }

    [Id(21)]
    public bool Decommissioned { get; set; }

    /// <summary>The map cell the twin is listed in, and its entry there.</summary>
    [Id(22)]
    public string? Cell { get; set; }

    // Id 23 held the listed status alone; the whole listing (status, name, position) is Id 24.
    [Id(24)]
    public CellEntry? CellListing { get; set; }

    /// <summary>
    /// Until December 2026, the journal positions in a dictionary. Read from the states stored
    /// then; <see cref="Upgrade"/> moves them into <see cref="AppliedJournals"/>. It keeps its old
    /// name: grain storage that writes JSON (Redis) matches properties by name.
    /// </summary>
    [Id(25)]
    public Dictionary<string, long>? AppliedLsn { get; set; }

    /// <summary>
    /// Per node journal, the last entry applied to this state: a replayed entry at or below it is
    /// skipped. An array, as a twin hears from one node or a few; null until a journalled batch
    /// arrives.
    /// </summary>
    [Id(27)]
    public JournalMark[]? AppliedJournals { get; set; }

    /// <summary>A junction's own priority policy settings (an operator's, through the twin API); null: the configuration's.</summary>
    [Id(28)]
    public PriorityPolicySettings? PriorityOverrides { get; set; }

    /// <summary>
    /// Takes each reading's values as the latest of their fields unless a later reading is already
    /// there (a backlog upload never moves a field back in time); returns the slots that changed,
    /// a bit per slot.
    /// </summary>
    public int ApplyLatest(Reading[] readings)
    {
        var changed = 0;
        foreach (var reading in readings)
        {
            for (var slot = 0; slot < FieldValues.Capacity; slot++)
            {
                var isNewer = (Present & (1 << slot)) == 0 || reading.TimestampMs >= LatestAt[slot];
                if (isNewer && reading.TryGet(slot, out var value))
                {
                    Latest[slot] = value;
                    LatestAt[slot] = reading.TimestampMs;
                    Present |= 1 << slot;
                    changed |= 1 << slot;
                }
            }
        }

        return changed;
    }

    /// <summary>The device was heard from at <paramref name="atMs"/> (never moves back).</summary>
    public void Seen(long atMs) => LastSeenMs = LastSeenMs is { } last && last > atMs ? last : atMs;

    /// <summary>The last entry of a node's journal applied to this state, if any.</summary>
    public bool TryGetApplied(string journalId, out long lsn)
    {
        foreach (var mark in AppliedJournals ?? [])
        {
            if (mark.JournalId == journalId)
            {
                lsn = mark.Lsn;
                return true;
            }
        }

        lsn = 0;
        return false;
    }

    /// <summary>Records the last entry of a node's journal applied to this state.</summary>
    public void MarkApplied(string journalId, long lsn)
    {
        var marks = AppliedJournals ?? [];
        for (var i = 0; i < marks.Length; i++)
        {
            if (marks[i].JournalId == journalId)
            {
                marks[i] = marks[i] with { Lsn = lsn };
                return;
            }
        }

        // A node's journal id arrives anew with every batch: the twin keeps the one shared copy.
        AppliedJournals = [.. marks, new JournalMark(string.Intern(journalId), lsn)];
    }

    /// <summary>
    /// Brings a state read from storage to today's form: hourly means stored as 48-hour rings move
    /// into <see cref="Means"/> (keeping the hours the DAQI still averages: an older hour can no
    /// longer change an index), journal positions into <see cref="AppliedJournals"/>, the empty
    /// collections older releases stored are dropped, and strings the fleet repeats are shared.
    /// </summary>
    public void Upgrade()
    {
        if (LegacyPollutants is { } legacy)
        {
            Means = legacy.Count > 0 ? StationMeans.FromLegacy(legacy) : null;
            LegacyPollutants = null;
        }

        if (ActiveAlerts is { Count: 0 })
        {
            ActiveAlerts = null;
        }

        if (RecentDecisions is { Count: 0 })
        {
            RecentDecisions = null;
        }

        if (AppliedLsn is { } applied)
        {
            foreach (var (journalId, lsn) in applied)
            {
                MarkApplied(journalId, lsn);
            }

            AppliedLsn = null;
        }

        ShareRepeatedStrings();
    }

    /// <summary>
    /// Strings that repeat across a fleet (band and pollutant names, map status, area, map cell,
    /// firmware version) come out of storage as a new copy in every twin: each twin keeps the one
    /// shared copy instead. Their vocabularies are small (a city's areas, cells and firmware
    /// versions), so the runtime's intern pool, which never shrinks, can hold them.
    /// </summary>
    private void ShareRepeatedStrings()
    {
        Firmware = Shared(Firmware);
        Cell = Shared(Cell);
        if (AirQuality is { } airQuality)
        {
            AirQuality = airQuality with { Band = Shared(airQuality.Band), WorstPollutant = Shared(airQuality.WorstPollutant) };
        }

        if (Registration is { AreaId: not null } registration)
        {
            Registration = registration with { AreaId = Shared(registration.AreaId) };
        }

        if (CellListing is { } listing)
        {
            CellListing = listing with { Status = string.Intern(listing.Status), AreaId = Shared(listing.AreaId) };
        }
    }

    private static string? Shared(string? value) => value is null ? null : string.Intern(value);
}
