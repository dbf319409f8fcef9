namespace Failover.Redis.Tests;

public interface ISharedAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Answer: {question}")]
    Task<RouteResult<string>> AskAsync(string question, CancellationToken cancellationToken = default);
}
