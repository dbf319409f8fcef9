using BenchmarkDotNet.Running;

if (args is ["probe", ..])
{
    // Interleaved min-of-rounds ratios, robust on a loaded machine (see LoadedMachineProbe); an optional class name
    // part runs only the matching classes: probe 60 BreakerOpen.
    Failover.Benchmarks.LoadedMachineProbe.Run(args.Length > 1 ? int.Parse(args[1]) : 30, args.Length > 2 ? args[2] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Failover.Benchmarks.RoutingOverheadBenchmarks).Assembly).Run(args);
