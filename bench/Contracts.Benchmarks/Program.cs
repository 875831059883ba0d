using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(UrbanTwin.Contracts.Benchmarks.DecoderBenchmarks).Assembly).Run(args);
