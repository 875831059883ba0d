namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// CPU seconds over one run: the system under test, influxd (shared by the scenarios, so counted
/// apart), this process (the load generator, probes and watchers, with a subscriber it started and
/// has seen end) and everything else on the
/// machine (other builds on a shared box show up there).
/// </summary>
public sealed class CpuMeter
{
    private readonly ProcessUsage _system;
    private readonly ProcessUsage? _influx;
    private readonly double _systemStart;
    private readonly double _influxStart;
    private readonly double _benchStart;
    private readonly double _machineStart;

    private CpuMeter(ProcessUsage system, ProcessUsage? influx)
    {
        _system = system;
        _influx = influx;
        _systemStart = system.CpuSeconds();
        _influxStart = influx?.CpuSeconds() ?? 0;
        _benchStart = ProcessUsage.SelfWithEndedChildrenCpuSeconds();
        _machineStart = ProcessUsage.MachineBusySeconds();
    }

    /// <summary>Starts measuring <paramref name="system"/> and, when it is not the system itself, influxd.</summary>
    public static CpuMeter Start(ProcessUsage system, ProcessUsage? influx) => new(system, influx);

    public CpuReading Read()
    {
        var system = _system.CpuSeconds() - _systemStart;
        var influx = (_influx?.CpuSeconds() ?? 0) - _influxStart;
        var bench = ProcessUsage.SelfWithEndedChildrenCpuSeconds() - _benchStart;
        var machine = ProcessUsage.MachineBusySeconds() - _machineStart;
        return new CpuReading(system, influx, bench, Math.Max(0, machine - system - influx - bench));
    }
}
