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

/// <summary>What a twin keeps across restarts: small, written on change or on a timer, never per reading.</summary>
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

    [Id(13)]
    public List<Alert> ActiveAlerts { get; set; } = [];

    /// <summary>Air quality: hourly means per pollutant for the DAQI's running means.</summary>
    [Id(14)]
    public Dictionary<DaqiPollutant, HourlyMeans> Pollutants { get; set; } = [];

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

    [Id(19)]
    public List<PriorityDecision> RecentDecisions { get; set; } = [];

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

    /// <summary>Per node journal, the last entry applied to this state: a replayed entry at or below it is skipped.</summary>
    [Id(25)]
    public Dictionary<string, long> AppliedLsn { get; set; } = new(StringComparer.Ordinal);
}
