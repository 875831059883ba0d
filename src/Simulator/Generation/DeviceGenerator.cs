using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Simulator.Faults;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Readings;

namespace UrbanTwin.Simulator.Generation;

/// <summary>
/// The firmware of one simulated device without the radio: takes readings at the instants it is
/// given, numbers every message (<c>seq</c>), injects sensor faults and bad payloads when asked,
/// and encodes everything exactly as the contract says. Deterministic: the same device, options
/// and sequence of calls give the same bytes. Not thread-safe: one generator per device.
/// </summary>
public sealed class DeviceGenerator
{
    public const string Firmware = "2.3.1";

    private readonly ReadingModel _model;
    private readonly BusPriorityModel? _junction;
    private readonly SimulationRandom _values;
    private readonly SimulationRandom _buses;
    private readonly SimulationRandom _bad;
    private readonly SensorFaults _faults;
    private readonly GeneratorOptions _options;
    private uint _seq;

    public DeviceGenerator(SimulatedDevice device, GeneratorOptions? options = null)
    {
        _options = options ?? GeneratorOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.SpeedUp, nameof(options));
        Device = device;
        var site = new SimulationRandom(_options.Seed, (device.Index * 8L) + 1);
        _values = new SimulationRandom(_options.Seed, (device.Index * 8L) + 2);
        _buses = new SimulationRandom(_options.Seed, (device.Index * 8L) + 3);
        _bad = new SimulationRandom(_options.Seed, (device.Index * 8L) + 4);
        _model = device.Kind switch
        {
            DeviceKind.AirQuality => new AirQualityModel(_options.Seed, site),
            DeviceKind.Footfall => new FootfallModel(site),
            _ => _junction = new BusPriorityModel(site),
        };
        _faults = new SensorFaults(_model.Faults, _model.Schema, _options.FaultRate, new SimulationRandom(_options.Seed, (device.Index * 8L) + 5));
        TimestampStyle = device.Index % 2 == 0 ? TimestampStyle.EpochMilliseconds : TimestampStyle.Rfc3339;
        TelemetryTopic = DeviceTopic.Telemetry(device.Kind, device.DeviceId);
        StatusTopic = DeviceTopic.Status(device.Kind, device.DeviceId);
        RequestTopic = device.Kind == DeviceKind.BusPriority ? DeviceTopic.Request(device.DeviceId) : null;
        ReportInterval = TimeSpan.FromSeconds(Math.Max(1, Math.Round(NominalInterval(device.Kind).TotalSeconds / _options.SpeedUp)));
    }

    public SimulatedDevice Device { get; }

    public string TelemetryTopic { get; }

    public string StatusTopic { get; }

    /// <summary>The bus-priority request topic; null for other kinds.</summary>
    public string? RequestTopic { get; }

    /// <summary>How this device writes timestamps (devices alternate between the contract's two forms).</summary>
    public TimestampStyle TimestampStyle { get; }

    /// <summary>How often the device takes a reading: its kind's usual interval divided by the speed-up (at least 1 s).</summary>
    public TimeSpan ReportInterval { get; }

    /// <summary>The <c>seq</c> the next message will carry.</summary>
    public uint NextSeq => _seq;

    /// <summary>The retained status published right after connecting.</summary>
    public static byte[] OnlineStatus { get; } = ContractEncoder.EncodeStatus(new DeviceStatus(DeviceState.Online, Firmware));

    /// <summary>The Last Will, published by the broker when the device drops off.</summary>
    public static byte[] OfflineStatus { get; } = ContractEncoder.EncodeStatus(new DeviceStatus(DeviceState.Offline, null));

    /// <summary>The usual reporting interval of a kind, as the twins expect it by default.</summary>
    public static TimeSpan NominalInterval(DeviceKind kind) => kind switch
    {
        DeviceKind.AirQuality => TimeSpan.FromMinutes(5),
        DeviceKind.Footfall => TimeSpan.FromMinutes(15),
        _ => TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// Takes the reading due at <paramref name="timestampMs"/> (numbered, faults applied) without
    /// encoding it, e.g. to keep it for a backlog; null while a gap fault lasts (no reading taken).
    /// </summary>
    public (Reading Reading, SensorFault Fault)? TakeReading(long timestampMs)
    {
        var values = default(FieldValues);
        byte present = 0;
        _model.Measure(timestampMs, (int)ReportInterval.TotalSeconds, _values, ref values, ref present);
        var fault = _faults.Apply(ref values, ref present);
        if (fault == SensorFault.Gap)
        {
            return null;
        }

        return (new Reading(_seq++, timestampMs, values, present), fault);
    }

    /// <summary>
    /// The telemetry message due at <paramref name="timestampMs"/>: one reading, or (at the bad-payload
    /// share) a bad payload in its place; null while a gap fault lasts.
    /// </summary>
    public GeneratedMessage? NextTelemetry(long timestampMs)
    {
        if (TakeReading(timestampMs) is not var (reading, fault))
        {
            return null;
        }

        if (_bad.Chance(_options.BadPayloadShare))
        {
            var bad = _bad.Pick(BadPayloadKinds.All);
            var payload = BadPayloads.Reading(bad, Device.Kind, _model.Schema, reading, TimestampStyle);
            return new GeneratedMessage(TelemetryTopic, payload, MessageType.Telemetry, reading.Seq, timestampMs, null, null, fault, bad);
        }

        return new GeneratedMessage(TelemetryTopic, ContractEncoder.EncodeReading(_model.Schema, reading, TimestampStyle), MessageType.Telemetry, reading.Seq, timestampMs, reading, null, fault, null);
    }

    /// <summary>
    /// The reading due at <paramref name="timestampMs"/> numbered by the caller, without faults or
    /// bad payloads: for loads that number their own messages (the benchmarks pre-encode each
    /// device's run and must know every sequence number and time they send).
    /// </summary>
    public byte[] EncodeReading(uint seq, long timestampMs)
    {
        var values = default(FieldValues);
        byte present = 0;
        _model.Measure(timestampMs, (int)ReportInterval.TotalSeconds, _values, ref values, ref present);
        return ContractEncoder.EncodeReading(_model.Schema, new Reading(seq, timestampMs, values, present), TimestampStyle);
    }

    /// <summary>Readings kept while offline as backlog payloads (arrays of at most 500 readings and 64 KiB, oldest first).</summary>
    public IReadOnlyList<byte[]> EncodeBacklog(IReadOnlyList<Reading> readings) => ContractEncoder.EncodeBacklog(_model.Schema, readings, TimestampStyle);

    /// <summary>A bus asking for priority at <paramref name="timestampMs"/> (bus-priority junctions only), or a bad payload at the bad-payload share.</summary>
    public GeneratedMessage NextRequest(long timestampMs)
    {
        var junction = _junction ?? throw new InvalidOperationException(Device.Kind.ToSegment() + " devices send no priority requests");
        var request = junction.Request(_seq++, timestampMs, _buses);
        if (_bad.Chance(_options.BadPayloadShare))
        {
            var bad = _bad.Pick(BadPayloadKinds.All);
            return new GeneratedMessage(RequestTopic!, BadPayloads.Request(bad, request, TimestampStyle), MessageType.Request, request.Seq, timestampMs, null, null, SensorFault.None, bad);
        }

        return new GeneratedMessage(RequestTopic!, ContractEncoder.EncodeRequest(request, TimestampStyle), MessageType.Request, request.Seq, timestampMs, null, request, SensorFault.None, null);
    }

    /// <summary>Wall-clock time until the next bus reaches the junction (random, busier hours sooner, divided by the speed-up).</summary>
    public TimeSpan NextBusAfter(long timestampMs)
    {
        var junction = _junction ?? throw new InvalidOperationException(Device.Kind.ToSegment() + " devices see no buses");
        return TimeSpan.FromSeconds(_buses.Exponential(junction.MeanSecondsBetweenBuses(timestampMs)) / _options.SpeedUp);
    }

    /// <summary>
    /// Encodes <paramref name="count"/> telemetry payloads ahead of time (for load generators),
    /// readings taken every <paramref name="stepMs"/> from <paramref name="firstTimestampMs"/>;
    /// a gap fault's missing readings are skipped, so there are always <paramref name="count"/>.
    /// </summary>
    public EncodedTelemetry EncodeTelemetry(int count, long firstTimestampMs, long stepMs)
    {
        var payloads = new byte[count][];
        var timestamp = firstTimestampMs;
        for (var i = 0; i < count; timestamp += stepMs)
        {
            if (NextTelemetry(timestamp) is { } message)
            {
                payloads[i++] = message.Payload;
            }
        }

        return new EncodedTelemetry(Device.DeviceId, TelemetryTopic, payloads);
    }
}
