using System.Diagnostics;

namespace Failover.Benchmarks;

/// <summary>
/// A cross-check of the BenchmarkDotNet tables for a shared, loaded machine: the rows of each benchmark class run
/// interleaved, in rounds of batches, and each row keeps its fastest batch. Load only ever adds time, so the minimum is
/// the figure least disturbed by other work, and interleaving exposes every row to the same load. Allocation per call is
/// exact (GC.GetAllocatedBytesForCurrentThread). Run: <c>dotnet run -c Release --project benchmarks/Failover.Benchmarks -- probe [rounds] [class]</c>;
/// <c>class</c> (optional) runs only the classes whose name contains it, e.g. <c>probe 200 Streaming</c>.
/// </summary>
internal static class LoadedMachineProbe
{
    private const int Batch = 2_000;

    public static void Run(int rounds, string? only = null)
    {
        bool Selected(string name) => only is null || name.Contains(only, StringComparison.OrdinalIgnoreCase);

        if (Selected(nameof(RoutingOverheadBenchmarks)))
        {
            RunRouting(rounds);
        }

        if (Selected(nameof(BreakerOpenBenchmarks)))
        {
            RunBreakerOpen(rounds);
        }

        if (Selected(nameof(StreamingOverheadBenchmarks)))
        {
            RunStreaming(rounds);
        }
    }

    private static void RunRouting(int rounds)
    {
        var routing = new RoutingOverheadBenchmarks();
        routing.Setup();
        Report("RoutingOverheadBenchmarks", rounds, Batch,
            ("IChatClient called directly", () => routing.Direct().GetAwaiter().GetResult()),
            ("Failover, primary serves (Retry 3, health, total timeout)", () => routing.Failover().GetAwaiter().GetResult()),
            ("Failover lean (no retry, no health, no total timeout)", () => routing.FailoverLean().GetAwaiter().GetResult()),
            ("Polly v8 by hand (transient retry, timeout, breaker, fallback)", () => routing.Polly().GetAwaiter().GetResult()),
            ("MEAI OrderedFailoverChatClient, primary serves", () => routing.OrderedFailover().GetAwaiter().GetResult()));
        routing.Cleanup();
    }

    private static void RunBreakerOpen(int rounds)
    {
        var breaker = new BreakerOpenBenchmarks();
        breaker.Setup();
        Report("BreakerOpenBenchmarks", rounds, Batch,
            ("Route starting at the fallback", () => breaker.StartsAtFallback().GetAwaiter().GetResult()),
            ("Dead primary (breaker open) skipped, fallback serves", () => breaker.DeadPrimarySkipped().GetAwaiter().GetResult()),
            ("Five dead models (breakers open) skipped, fallback serves", () => breaker.FiveDeadModelsSkipped().GetAwaiter().GetResult()));
        breaker.Cleanup();
    }

    private static void RunStreaming(int rounds)
    {
        foreach (var chunks in new[] { 1, 100 })
        {
            var streaming = new StreamingOverheadBenchmarks { Chunks = chunks };
            streaming.Setup();
            Report($"StreamingOverheadBenchmarks ({chunks} chunk(s) per stream)", rounds, chunks == 1 ? Batch : Batch / 50,
                ("Raw IChatClient stream", () => streaming.RawStream().GetAwaiter().GetResult()),
                ("Failover stream (Retry 3, health, total timeout)", () => streaming.FailoverStream().GetAwaiter().GetResult()));
            streaming.Cleanup();
        }
    }

    private static void Report(string title, int rounds, int batch, params (string Name, Action Call)[] rows)
    {
        var best = new double[rows.Length];
        var bytes = new double[rows.Length];
        Array.Fill(best, double.MaxValue);
        for (var i = 0; i < rows.Length; i++)
        {
            for (var w = 0; w < batch; w++)
            {
                rows[i].Call(); // warm up: tiered JIT, pools, plans
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var w = 0; w < batch; w++)
            {
                rows[i].Call();
            }

            bytes[i] = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)batch;
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                for (var n = 0; n < batch; n++)
                {
                    rows[i].Call();
                }

                best[i] = Math.Min(best[i], watch.Elapsed.TotalNanoseconds / batch);
            }
        }

        Console.WriteLine($"## {title}: fastest of {rounds} interleaved rounds of {batch} calls");
        Console.WriteLine("| Row | ns per call (min) | ratio | added ns | bytes per call | added bytes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < rows.Length; i++)
        {
            Console.WriteLine($"| {rows[i].Name} | {best[i]:0.0} | {best[i] / best[0]:0.00} | {best[i] - best[0]:0.0} | {bytes[i]:0} | {bytes[i] - bytes[0]:0} |");
        }

        Console.WriteLine();
    }
}
