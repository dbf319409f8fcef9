using Failover;

namespace Failover.Benchmarks;

public interface IBenchmarkAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "bench")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 2, BaseDelayMs = 0, MaxDelayMs = 0)]
    [Prompt("Classify: {ticket}")]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

    [ModelRoute("google/gemini-2.5-flash", Owner = "bench")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Prompt("Classify: {ticket}")]
    Task<string> ClassifyAfterOutageAsync(string ticket, CancellationToken cancellationToken = default);
}
