using Failover;

namespace Failover.Benchmarks;

/// <summary>The route of the HTTP loopback benchmark: one OpenAI model behind the same guards as the peer route.</summary>
public interface IHttpBenchmarkAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "bench", TotalTimeoutMs = 60_000)]
    [Retry(MaxAttempts = 3, BaseDelayMs = 0, MaxDelayMs = 0)]
    [Prompt("Classify: {ticket}")]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);
}
