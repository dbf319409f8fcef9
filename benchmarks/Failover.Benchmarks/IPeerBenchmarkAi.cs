using Failover;

namespace Failover.Benchmarks;

/// <summary>
/// The routes of the peer benchmarks: the guarded route a new user writes (three tries, health on, a total timeout),
/// its lean twin, the breaker-open pair and a stream. Providers: openai and anthropic answer, google always fails.
/// </summary>
public interface IPeerBenchmarkAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "bench", TotalTimeoutMs = 60_000)]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 3, BaseDelayMs = 0, MaxDelayMs = 0)]
    [Prompt("Classify: {ticket}")]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini", Owner = "bench")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Prompt("Classify: {ticket}")]
    Task<string> ClassifyLeanAsync(string ticket, CancellationToken cancellationToken = default);

    /// <summary>The primary (google) is dead and its breaker open: the fallback serves.</summary>
    [ModelRoute("google/gemini-2.5-flash", Owner = "bench", TotalTimeoutMs = 60_000)]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 3, BaseDelayMs = 0, MaxDelayMs = 0)]
    [Prompt("Classify: {ticket}")]
    Task<string> ClassifyPastDeadPrimaryAsync(string ticket, CancellationToken cancellationToken = default);

    /// <summary>Five dead models (google, breakers open) before the fallback: five skips per call, to read the cost of one.</summary>
    [ModelRoute("google/gemini-2.5-flash", Owner = "bench", TotalTimeoutMs = 60_000)]
    [Fallback("google/gemini-2.5-pro")]
    [Fallback("google/gemini-2.0-flash")]
    [Fallback("google/gemini-2.0-flash-lite")]
    [Fallback("google/gemini-1.5-pro")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 3, BaseDelayMs = 0, MaxDelayMs = 0)]
    [Prompt("Classify: {ticket}")]
    Task<string> ClassifyPastFiveDeadModelsAsync(string ticket, CancellationToken cancellationToken = default);

    /// <summary>The same route starting at the model that serves the one above.</summary>
    [ModelRoute("anthropic/claude-haiku-4-5", Owner = "bench", TotalTimeoutMs = 60_000)]
    [Retry(MaxAttempts = 3, BaseDelayMs = 0, MaxDelayMs = 0)]
    [Prompt("Classify: {ticket}")]
    Task<string> ClassifyAtFallbackAsync(string ticket, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini", Owner = "bench", TotalTimeoutMs = 60_000)]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 3, BaseDelayMs = 0, MaxDelayMs = 0)]
    [Prompt("Write about: {topic}")]
    IAsyncEnumerable<string> DraftAsync(string topic, CancellationToken cancellationToken = default);
}
