using Failover;

namespace QuickStart;

public interface ISupportAi
{
    [ModelRoute("openai/gpt-5-mini", Tier = RouteTier.Classification, Owner = "support")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 2, BaseDelayMs = 50)]
    [SystemPrompt("Answer with one word: billing, bug or other.")]
    [Prompt("Classify this support ticket.\nTicket: {ticket}")]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);
}
