using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace Failover.Benchmarks;

/// <summary>
/// One chat completion over real HTTP to the provider simulator (Kestrel on 127.0.0.1), one request at a time: the
/// official OpenAI SDK (the baseline), the built-in OpenAI-compatible provider, the SDK's <see cref="IChatClient"/>
/// adapter, and a Failover route over each of the last two. Socket, Kestrel and JSON dominate; the rows show what each
/// client and the route add to a real request. <see cref="HttpLoopbackConcurrentBenchmarks"/> runs the same rows 64 at once.
/// </summary>
[MemoryDiagnoser]
public class HttpLoopbackBenchmarks
{
    private HttpLoopbackClients _clients = null!;

    [GlobalSetup]
    public void Setup() => _clients = HttpLoopbackClients.Start();

    [GlobalCleanup]
    public void Cleanup() => _clients.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "OpenAI SDK ChatClient")]
    public Task<string> Sdk() => _clients.SdkAsync();

    [Benchmark(Description = "Built-in OpenAI provider (IChatClient)")]
    public Task<string> BuiltIn() => _clients.BuiltInAsync();

    [Benchmark(Description = "OpenAI SDK as IChatClient (MEAI adapter)")]
    public Task<string> SdkAdapter() => _clients.SdkAdapterAsync();

    [Benchmark(Description = "Failover route, built-in provider")]
    public Task<string> RouteBuiltIn() => _clients.RouteBuiltInAsync();

    [Benchmark(Description = "Failover route, SDK IChatClient as provider")]
    public Task<string> RouteSdk() => _clients.RouteSdkAsync();
}
