using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Benchmarks;

/// <summary>
/// What skipping a dead primary costs once its breaker is open: the route past the dead primary against the same route
/// starting at the model that serves it. The target is a ratio of at most 1.05.
/// </summary>
[MemoryDiagnoser]
public class BreakerOpenBenchmarks
{
    private const string Ticket = "I was charged twice this month.";
    private ServiceProvider _services = null!;
    private IPeerBenchmarkAi _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = PeerServices.Build();
        _client = _services.GetRequiredService<IPeerBenchmarkAi>();

        // Open the dead primary's breaker (five failures by default; three tries per call), then check it is skipped.
        for (var i = 0; i < 3; i++)
        {
            _client.ClassifyPastDeadPrimaryAsync(Ticket).GetAwaiter().GetResult();
        }

        var health = _services.GetRequiredService<IRouteHealthStore>();
        if (health.TryEnter(new ModelTarget("google/gemini-2.5-flash")).IsAvailable)
        {
            throw new InvalidOperationException("The dead primary's breaker did not open.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "Route starting at the fallback")]
    public Task<string> StartsAtFallback() => _client.ClassifyAtFallbackAsync(Ticket);

    [Benchmark(Description = "Dead primary (breaker open) skipped, fallback serves")]
    public Task<string> DeadPrimarySkipped() => _client.ClassifyPastDeadPrimaryAsync(Ticket);
}
