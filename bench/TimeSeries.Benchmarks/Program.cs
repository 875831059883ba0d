using System.Globalization;
using BenchmarkDotNet.Running;
using UrbanTwin.TimeSeries.Benchmarks;

if (args.Length > 0 && args[0] == "writer")
{
    await WriterVersusCurl.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(LineProtocolBenchmarks).Assembly).Run(args);
