using System.Diagnostics;
using System.Globalization;
using Failover.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Failover.Reliability.Tests;

/// <summary>
/// Thousands of calls through the generated <see cref="IChaosAi"/> client, plain and streaming, at high concurrency,
/// over real HTTP: the primary fails at random (seeded) in every way providers fail, the fallback (the simulator) is
/// healthy. Nothing may be lost, nothing may hang past its total timeout, no task exception may go unobserved, and
/// memory and sockets must come back after a forced GC.
/// </summary>
/// <remarks>
/// CI size: 2,000 calls at 64 concurrent. The larger run is one command:
/// <c>FAILOVER_CHAOS_REQUESTS=10000 FAILOVER_CHAOS_CONCURRENCY=200 dotnet test tests/Failover.Reliability.Tests -c Release --filter Chaos</c>
/// (<c>FAILOVER_CHAOS_SEED</c> changes the fault sequence, <c>FAILOVER_CHAOS_REPORT</c> names a file for the figures).
/// </remarks>
[Collection(ReliabilityCollection.Name)]
public sealed class ChaosLoadTests(ITestOutputHelper output)
{
    /// <summary>How a faulty primary fails: every way <see cref="UpstreamServer"/> knows except success.</summary>
    private static readonly UpstreamFault[] s_faults =
    [
        UpstreamFault.RateLimitedWithRetryAfter, UpstreamFault.RateLimitedWithoutRetryAfter, UpstreamFault.ServerError,
        UpstreamFault.Unavailable, UpstreamFault.Overloaded, UpstreamFault.BadGatewayHtml, UpstreamFault.EmptyErrorBody,
        UpstreamFault.Reset, UpstreamFault.Hang, UpstreamFault.MalformedJson, UpstreamFault.HtmlIn200, UpstreamFault.ErrorIn200,
        UpstreamFault.StreamErrorEvent, UpstreamFault.StreamErrorAfterChunk, UpstreamFault.StreamCut,
        UpstreamFault.StreamResetAfterChunk, UpstreamFault.StreamStall, UpstreamFault.StreamMalformedEvent, UpstreamFault.StreamWithoutFinish,
    ];

    /// <summary>The route's total timeout (<see cref="IChaosAi"/>) and the slack a busy machine gets on top of it.</summary>
    private static readonly TimeSpan s_totalTimeout = TimeSpan.FromMilliseconds(3000);
    private static readonly TimeSpan s_slack = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Chaos_loses_nothing_hangs_nothing_and_leaks_nothing()
    {
        var requests = Setting("FAILOVER_CHAOS_REQUESTS", 2000);
        var concurrency = Setting("FAILOVER_CHAOS_CONCURRENCY", 64);
        var seed = Setting("FAILOVER_CHAOS_SEED", 12);
        const double faultRate = 0.3;

        var unobserved = 0;
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await using var upstream = await UpstreamServer.StartAsync();
            await using var simulator = await ProviderSimulator.StartAsync();
            var random = new Random(seed);
            var plan = Enumerable.Range(0, (requests * 4) + 1000)
                .Select(_ => random.NextDouble() < faultRate ? s_faults[random.Next(s_faults.Length)] : UpstreamFault.None)
                .ToArray();
            upstream.Choose = n => plan[n % plan.Length];

            var services = new ServiceCollection();
            services.Configure<FailoverOptions>(o =>
            {
                o.Health.FailureThreshold = 10;
                o.Health.ProviderFailureThreshold = 20;
                o.Health.BreakDuration = TimeSpan.FromMilliseconds(250);
                o.Health.RateLimitCooldown = TimeSpan.FromMilliseconds(250);
            });
            services.AddFailover(f => f
                .AddOpenAICompatible("flaky", upstream.OpenAIBaseUrl, "sk-chaos-primary")
                .AddOpenAICompatible("healthy", simulator.OpenAIBaseUrl, "sk-chaos-fallback"))
                .AddFailoverClient<IChaosAi>();
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<IChaosAi>();

            // Warm up (JIT, connection pools), then take the baseline.
            await RunAsync(client, 0, Math.Min(200, requests), concurrency, new Tally());
            var baselineHeap = Collect();
            var baselineSockets = OpenSockets();

            var tally = new Tally();
            var clock = Stopwatch.StartNew();
            await RunAsync(client, 1_000_000, requests, concurrency, tally);
            clock.Stop();

            var afterHeap = Collect();
            var afterSockets = OpenSockets();
            var latencies = tally.Latencies.OrderBy(static l => l).ToArray();
            var figures = string.Join(Environment.NewLine,
                $"requests {requests} at {concurrency} concurrent (seed {seed}, {faultRate:P0} faulty primary, half streaming) in {clock.Elapsed.TotalSeconds:F1} s",
                $"served {tally.Served} (by fallback {tally.ByFallback}), failed cleanly {tally.FailedCleanly} (FailoverException {tally.AllModelsFailed}, StreamInterruptedException after partial delivery {tally.InterruptedStreams}), lost {tally.Lost.Count}, hung {tally.Hung}",
                $"latency p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms",
                $"managed heap after GC: baseline {Mb(baselineHeap)} MB, after {Mb(afterHeap)} MB, peak during run {Mb(tally.PeakHeap)} MB; process peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)} MB",
                $"open sockets: baseline {baselineSockets}, after {afterSockets}; unobserved task exceptions {unobserved}; upstream requests {upstream.RequestCount}, fallback requests {simulator.TotalRequestCount}");
            output.WriteLine(figures);
            if (Environment.GetEnvironmentVariable("FAILOVER_CHAOS_REPORT") is { Length: > 0 } report)
            {
                await File.WriteAllTextAsync(report, figures + Environment.NewLine);
            }

            Assert.True(tally.Lost.IsEmpty, "lost calls: " + string.Join(Environment.NewLine, tally.Lost.Take(5)));
            Assert.Equal(0, tally.Hung);
            Assert.Equal(requests, tally.Served + tally.FailedCleanly);
            Assert.True(tally.Served > requests * 0.9, figures);
            Assert.True(latencies[^1] <= (s_totalTimeout + s_slack).TotalMilliseconds, figures);
            Assert.True(afterHeap - baselineHeap < 64L * 1024 * 1024, figures);
            if (baselineSockets >= 0)
            {
                // Pooled keep-alive connections stay open (both ends are in this process); a leak grows with requests.
                Assert.True(afterSockets <= baselineSockets + (4 * concurrency) + 32, figures);
            }

            // The primary must stay in play: a breaker or cooldown that never lets it back (a lost half-open trial) would
            // leave it with the few requests before it first opened. How much of the run it serves is not fixed: 429s
            // without retry-after cool it down for 250 ms of real time, so its share rises and falls with the machine's
            // throughput (about 2,000 requests on a quiet machine, a few hundred on a loaded one).
            Assert.True(upstream.RequestCount > requests / 10, "the faulty primary was barely called: " + figures);
        }
        finally
        {
            Collect();
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.Equal(0, unobserved);
    }

    private static async Task RunAsync(IChaosAi client, int firstId, int count, int concurrency, Tally tally)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count)
                {
                    return;
                }

                await OneAsync(client, firstId + i, tally);
            }
        });
        await Task.WhenAll(workers);
    }

    private static async Task OneAsync(IChaosAi client, int id, Tally tally)
    {
        var clock = Stopwatch.StartNew();
        var call = id % 2 == 0 ? PlainAsync(client, id) : StreamAsync(client, id);
        try
        {
            // A guard, not a wait: a call still running long after its total timeout is a hang.
            var fallback = await call.WaitAsync(s_totalTimeout + s_slack + s_slack);
            tally.Serve(fallback);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref tally.Hung);
        }
        catch (FailoverException error) when (error.Attempts.Count > 0 && error.Attempts.All(static a => a.Failure != FailureKind.None))
        {
            Interlocked.Increment(ref tally.FailedCleanly);
            Interlocked.Increment(ref tally.AllModelsFailed);
        }
        catch (StreamInterruptedException error) when (error.Attempts.Count > 0)
        {
            // Part of the stream had reached the caller: it cannot fail over, and says so with the attempts.
            Interlocked.Increment(ref tally.FailedCleanly);
            Interlocked.Increment(ref tally.InterruptedStreams);
        }
        catch (Exception error)
        {
            tally.Lost.Enqueue($"call {id}: {error}");
        }

        tally.Record(clock.Elapsed.TotalMilliseconds);
    }

    private static async Task<bool> PlainAsync(IChaosAi client, int id)
    {
        var result = await client.AnswerAsync(id);
        Assert.False(string.IsNullOrEmpty(result.Value));
        return result.IsFallback;
    }

    private static async Task<bool> StreamAsync(IChaosAi client, int id)
    {
        var chunks = 0;
        await foreach (var chunk in client.StreamAsync(id))
        {
            chunks++;
        }

        Assert.True(chunks > 0);
        return false;
    }

    private static long Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Open socket descriptors of this process (Linux); -1 elsewhere.</summary>
    private static int OpenSockets()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd"))
        {
            return -1;
        }

        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor closed while we looked.
            }
        }

        return count;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);

    private sealed class Tally
    {
        public int Served;
        public int ByFallback;
        public int FailedCleanly;
        public int Hung;
        public int AllModelsFailed;
        public int InterruptedStreams;
        public long PeakHeap;
        public readonly System.Collections.Concurrent.ConcurrentQueue<string> Lost = new();
        public readonly System.Collections.Concurrent.ConcurrentBag<double> Latencies = [];

        public void Serve(bool byFallback)
        {
            Interlocked.Increment(ref Served);
            if (byFallback)
            {
                Interlocked.Increment(ref ByFallback);
            }
        }

        public void Record(double milliseconds)
        {
            Latencies.Add(milliseconds);
            if (Latencies.Count % 64 == 0)
            {
                var heap = GC.GetTotalMemory(forceFullCollection: false);
                long peak;
                while (heap > (peak = Interlocked.Read(ref PeakHeap)) && Interlocked.CompareExchange(ref PeakHeap, heap, peak) != peak)
                {
                }
            }
        }
    }
}
