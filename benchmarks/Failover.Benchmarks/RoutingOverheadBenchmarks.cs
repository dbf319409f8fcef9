using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Benchmarks;

/// <summary>
/// What a route costs on top of the provider call itself, next to its peers, in one run. The provider answers from
/// memory, so every nanosecond above the baseline is routing: building the messages, the plan, health, Polly,
/// classification, bookkeeping. Every row builds the same message and returns the answer's text.
/// </summary>
[MemoryDiagnoser]
public class RoutingOverheadBenchmarks
{
    private const string Ticket = "I was charged twice this month.";
    private readonly IChatClient _direct = new InstantChatClient(fail: false);
    private readonly ChatOptions _options = new() { ModelId = "gpt-5-mini" };
    private FairPollyRoute _polly = null!;
#pragma warning disable MEAI001 // experimental: the peer users compare us with
    private OrderedFailoverChatClient _ordered = null!;
#pragma warning restore MEAI001
    private ServiceProvider _services = null!;
    private ServiceProvider _leanServices = null!;
    private IPeerBenchmarkAi _client = null!;
    private IPeerBenchmarkAi _lean = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = PeerServices.Build();
        _leanServices = PeerServices.Build(health: false);
        _client = _services.GetRequiredService<IPeerBenchmarkAi>();
        _lean = _leanServices.GetRequiredService<IPeerBenchmarkAi>();
        _polly = new FairPollyRoute(new InstantChatClient(fail: false), new InstantChatClient(fail: false));
#pragma warning disable MEAI001
        _ordered = new OrderedFailoverChatClient([new InstantChatClient(fail: false), new InstantChatClient(fail: false)], leaveOpen: true);
#pragma warning restore MEAI001
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _leanServices.Dispose();
        _ordered.Dispose();
    }

    [Benchmark(Baseline = true, Description = "IChatClient called directly")]
    public async Task<string> Direct()
    {
        var response = await _direct.GetResponseAsync(Messages(), _options);
        return response.Text;
    }

    [Benchmark(Description = "Failover, primary serves (Retry 3, health, total timeout)")]
    public Task<string> Failover() => _client.ClassifyAsync(Ticket);

    [Benchmark(Description = "Failover lean (no retry, no health, no total timeout)")]
    public Task<string> FailoverLean() => _lean.ClassifyLeanAsync(Ticket);

    [Benchmark(Description = "Polly v8 by hand (transient retry, timeout, breaker, fallback)")]
    public Task<string> Polly() => _polly.GetTextAsync(Messages());

    [Benchmark(Description = "MEAI OrderedFailoverChatClient, primary serves")]
    public async Task<string> OrderedFailover()
    {
        var response = await _ordered.GetResponseAsync(Messages(), _options);
        return response.Text;
    }

    // The message every row sends, built the way the generated client builds it.
    private static List<ChatMessage> Messages() => new(1) { new(ChatRole.User, string.Concat("Classify: ", Ticket)) };
}
