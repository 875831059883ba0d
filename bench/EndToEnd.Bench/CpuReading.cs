namespace UrbanTwin.EndToEnd.Bench;

/// <summary>CPU seconds of one run (<see cref="CpuMeter"/>).</summary>
public readonly record struct CpuReading(double System, double Influx, double LoadGenerator, double Others);
