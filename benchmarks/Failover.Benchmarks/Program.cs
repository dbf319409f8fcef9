using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Failover.Benchmarks.RoutingOverheadBenchmarks).Assembly).Run(args);
