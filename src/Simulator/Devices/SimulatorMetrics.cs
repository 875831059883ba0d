using System.Diagnostics.Metrics;

namespace UrbanTwin.Simulator.Devices;

/// <summary>
/// What the simulated fleet does (<c>urbantwin.simulator.*</c>), as counters for the host's metrics
/// and as totals for its summary log line.
/// </summary>
public sealed class SimulatorMetrics
{
    public const string MeterName = "UrbanTwin.Simulator";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _errorReplies;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _outages;
    private long _sent;
    private long _bad;
    private long _backlog;
    private long _replies;
    private long _granted;
    private long _denied;
    private long _connected;

    public SimulatorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("urbantwin.simulator.messages", "{message}", "Messages the simulated devices published");
        _errorReplies = meter.CreateCounter<long>("urbantwin.simulator.error_replies", "{message}", "Error replies the simulated devices received");
        _decisions = meter.CreateCounter<long>("urbantwin.simulator.priority_decisions", "{decision}", "Bus priority decisions the simulated junctions received");
        _outages = meter.CreateCounter<long>("urbantwin.simulator.outages", "{outage}", "Network outages the simulated devices went through");
        meter.CreateObservableGauge("urbantwin.simulator.connected", () => Interlocked.Read(ref _connected), "{device}", "Simulated devices connected now");
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Bad => Interlocked.Read(ref _bad);

    public long BacklogArrays => Interlocked.Read(ref _backlog);

    public long ErrorReplies => Interlocked.Read(ref _replies);

    public long Granted => Interlocked.Read(ref _granted);

    public long Denied => Interlocked.Read(ref _denied);

    public long Connected => Interlocked.Read(ref _connected);

    public void Published(string type, bool bad)
    {
        Interlocked.Increment(ref _sent);
        if (bad)
        {
            Interlocked.Increment(ref _bad);
        }

        _messages.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("bad", bad));
    }

    public void BacklogUploaded()
    {
        Interlocked.Increment(ref _backlog);
        _messages.Add(1, new KeyValuePair<string, object?>("type", "backlog"), new KeyValuePair<string, object?>("bad", false));
    }

    public void ErrorReplied()
    {
        Interlocked.Increment(ref _replies);
        _errorReplies.Add(1);
    }

    public void Decided(bool granted)
    {
        Interlocked.Increment(ref granted ? ref _granted : ref _denied);
        _decisions.Add(1, new KeyValuePair<string, object?>("decision", granted ? "granted" : "denied"));
    }

    public void OutageStarted() => _outages.Add(1);

    public void ConnectionChanged(bool connected) => Interlocked.Add(ref _connected, connected ? 1 : -1);
}
