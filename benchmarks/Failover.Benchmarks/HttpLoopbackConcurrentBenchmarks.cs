using BenchmarkDotNet.Attributes;

namespace Failover.Benchmarks;

/// <summary>
/// The rows of <see cref="HttpLoopbackBenchmarks"/> with <see cref="Concurrency"/> requests in flight at once (the
/// connection pool opens as many connections as it needs). Each invocation counts as <see cref="Concurrency"/>
/// operations, so the mean is the time per request under load: its inverse is requests per second, and the ratio
/// against the SDK row is the throughput comparison.
/// </summary>
[MemoryDiagnoser]
public class HttpLoopbackConcurrentBenchmarks
{
    public const int Concurrency = 64;

    private readonly Task<string>[] _inFlight = new Task<string>[Concurrency];
    private HttpLoopbackClients _clients = null!;

    [GlobalSetup]
    public void Setup() => _clients = HttpLoopbackClients.Start();

    [GlobalCleanup]
    public void Cleanup() => _clients.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Concurrency, Description = "OpenAI SDK ChatClient, 64 at once")]
    public Task Sdk() => All(_clients.SdkAsync);

    [Benchmark(OperationsPerInvoke = Concurrency, Description = "Built-in OpenAI provider, 64 at once")]
    public Task BuiltIn() => All(_clients.BuiltInAsync);

    [Benchmark(OperationsPerInvoke = Concurrency, Description = "OpenAI SDK as IChatClient, 64 at once")]
    public Task SdkAdapter() => All(_clients.SdkAdapterAsync);

    [Benchmark(OperationsPerInvoke = Concurrency, Description = "Failover route, built-in provider, 64 at once")]
    public Task RouteBuiltIn() => All(_clients.RouteBuiltInAsync);

    [Benchmark(OperationsPerInvoke = Concurrency, Description = "Failover route, SDK IChatClient, 64 at once")]
    public Task RouteSdk() => All(_clients.RouteSdkAsync);

    private Task All(Func<Task<string>> call)
    {
        for (var i = 0; i < _inFlight.Length; i++)
        {
            _inFlight[i] = call();
        }

        return Task.WhenAll(_inFlight);
    }
}
