using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Benchmarks;

/// <summary>
/// What skipping a dead primary costs once its breaker is open: the route past the dead primary against the same route
/// starting at the model that serves it. The target is a ratio of at most 1.05. A third row skips five dead models, so
/// that (its added time) / 5 reads the cost of one skip above the noise of one.
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
            _client.ClassifyPastFiveDeadModelsAsync(Ticket).GetAwaiter().GetResult();
        }

        var health = _services.GetRequiredService<IRouteHealthStore>();
        foreach (var dead in (string[])["google/gemini-2.5-flash", "google/gemini-2.5-pro", "google/gemini-2.0-flash", "google/gemini-2.0-flash-lite", "google/gemini-1.5-pro"])
        {
            if (health.TryEnter(new ModelTarget(dead)).IsAvailable)
            {
                throw new InvalidOperationException($"The breaker of the dead model {dead} did not open.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "Route starting at the fallback")]
    public Task<string> StartsAtFallback() => _client.ClassifyAtFallbackAsync(Ticket);

    [Benchmark(Description = "Dead primary (breaker open) skipped, fallback serves")]
    public Task<string> DeadPrimarySkipped() => _client.ClassifyPastDeadPrimaryAsync(Ticket);

    [Benchmark(Description = "Five dead models (breakers open) skipped, fallback serves")]
    public Task<string> FiveDeadModelsSkipped() => _client.ClassifyPastFiveDeadModelsAsync(Ticket);
}
