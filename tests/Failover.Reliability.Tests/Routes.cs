namespace Failover.Reliability.Tests;

/// <summary>
/// One route per built-in provider, alone (a failure surfaces as <see cref="FailoverException"/>), with a healthy
/// fallback (the failure is recorded in <see cref="RouteResult{T}"/>) and streaming. Timeouts are short so that a
/// hanging upstream costs a fraction of a second.
/// </summary>
[RouteTimeout(AttemptTimeoutMs = 500, TotalTimeoutMs = 2500)]
public interface ICanaryAi
{
    [ModelRoute("openai/gpt-5-mini")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    Task<string> OpenAIAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini")]
    [Fallback("healthy/ok-model")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    Task<RouteResult<string>> OpenAIWithFallbackAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    IAsyncEnumerable<string> OpenAIStreamAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("azure/gpt-4o")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    Task<string> CompatibleAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("azure/gpt-4o")]
    [Fallback("healthy/ok-model")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    Task<RouteResult<string>> CompatibleWithFallbackAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("azure/gpt-4o")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    IAsyncEnumerable<string> CompatibleStreamAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    Task<string> AnthropicAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("anthropic/claude-haiku-4-5")]
    [Fallback("healthy/ok-model")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    Task<RouteResult<string>> AnthropicWithFallbackAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    IAsyncEnumerable<string> AnthropicStreamAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    Task<string> GeminiAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("google/gemini-2.5-flash")]
    [Fallback("healthy/ok-model")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    Task<RouteResult<string>> GeminiWithFallbackAsync(string name, CancellationToken cancellationToken = default);

    [ModelRoute("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Say hello to {name}")]
    IAsyncEnumerable<string> GeminiStreamAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>The chaos routes: a primary that fails at random, a healthy fallback, plain and streaming.</summary>
[RouteTimeout(AttemptTimeoutMs = 400, TotalTimeoutMs = 3000)]
public interface IChaosAi
{
    [ModelRoute("flaky/gpt-5-mini")]
    [Fallback("healthy/ok-model")]
    [Retry(MaxAttempts = 2, BaseDelayMs = 5, MaxDelayMs = 20)]
    [Prompt("Answer request {id}")]
    Task<RouteResult<string>> AnswerAsync(int id, CancellationToken cancellationToken = default);

    [ModelRoute("flaky/gpt-5-mini")]
    [Fallback("healthy/ok-model")]
    [Retry(MaxAttempts = 2, BaseDelayMs = 5, MaxDelayMs = 20)]
    [Prompt("Stream request {id}")]
    IAsyncEnumerable<string> StreamAsync(int id, CancellationToken cancellationToken = default);
}
