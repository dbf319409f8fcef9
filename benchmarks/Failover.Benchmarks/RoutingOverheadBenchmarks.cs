using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;

namespace Failover.Benchmarks;

/// <summary>
/// What a route costs on top of the provider call itself. The provider answers from memory, so every nanosecond
/// measured is routing: building the messages, the plan lookup, the Polly pipeline, classification, bookkeeping.
/// </summary>
[MemoryDiagnoser]
public class RoutingOverheadBenchmarks
{
    private const string Ticket = "I was charged twice this month.";
    private readonly IChatClient _direct = new InstantChatClient(fail: false);
    private readonly ChatOptions _options = new() { ModelId = "gpt-5-mini" };
    private ResiliencePipeline<ChatResponse> _polly = null!;
    private IBenchmarkAi _client = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddFailover(b => b
                .AddProvider("openai", new InstantChatClient(fail: false))
                .AddProvider("anthropic", new InstantChatClient(fail: false))
                .AddProvider("google", new InstantChatClient(fail: true)))
            .AddFailoverClient<IBenchmarkAi>();
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<IBenchmarkAi>();

        _polly = new ResiliencePipelineBuilder<ChatResponse>()
            .AddRetry(new RetryStrategyOptions<ChatResponse> { MaxRetryAttempts = 1, Delay = TimeSpan.Zero })
            .AddTimeout(TimeSpan.FromSeconds(60))
            .Build();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "IChatClient called directly")]
    public async Task<string> Direct()
    {
        var messages = new List<ChatMessage>(1) { new(ChatRole.User, string.Concat("Classify: ", Ticket)) };
        var response = await _direct.GetResponseAsync(messages, _options);
        return response.Text;
    }

    [Benchmark(Description = "IChatClient behind a Polly retry+timeout")]
    public async Task<string> PollyOnly()
    {
        var messages = new List<ChatMessage>(1) { new(ChatRole.User, string.Concat("Classify: ", Ticket)) };
        var response = await _polly.ExecuteAsync(static (state, ct) => new ValueTask<ChatResponse>(state.Client.GetResponseAsync(state.Messages, state.Options, ct)), (Client: _direct, Messages: messages, Options: _options));
        return response.Text;
    }

    [Benchmark(Description = "Failover client, primary serves")]
    public Task<string> FailoverPrimary() => _client.ClassifyAsync(Ticket);

    [Benchmark(Description = "Failover client, primary down, fallback serves")]
    public Task<string> FailoverFallback() => _client.ClassifyAfterOutageAsync(Ticket);
}
