using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(UrbanTwin.TimeSeries.Benchmarks.LineProtocolBenchmarks).Assembly).Run(args);
