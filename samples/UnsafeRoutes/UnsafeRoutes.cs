using System.Threading;
using System.Threading.Tasks;
using Failover;

namespace UnsafeRoutes;

/// <summary>Routes that are unsafe on purpose. Each comment names the rule the route trips.</summary>
public interface IUnsafeAi
{
    // FO100: no fallback.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples")]
    [Retry]
    [Prompt("Classify: {text}")]
    Task<string> NoFallbackAsync(string text, CancellationToken cancellationToken = default);

    // FO101: a critical route with no fallback.
    [ModelRoute("openai/gpt-5", Owner = "samples", Criticality = Criticality.Critical)]
    [Retry]
    [Prompt("Draft a reply to: {text}")]
    Task<string> CriticalWithoutFallbackAsync(string text, CancellationToken cancellationToken = default);

    // FO102: every fallback on the primary's provider.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples")]
    [Fallback("openai/gpt-5-nano")]
    [Retry]
    [Prompt("Tag: {text}")]
    Task<string> SingleProviderAsync(string text, CancellationToken cancellationToken = default);

    // FO103: no retry rule on the method, the interface or the assembly.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples")]
    [Fallback("google/gemini-2.5-flash")]
    [Prompt("Route: {text}")]
    Task<string> NoRetryAsync(string text, CancellationToken cancellationToken = default);

    // FO104: a blocked prompt is sent again to the next model.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples", FallbackOnContentPolicy = true)]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Moderate: {text}")]
    Task<string> ShopsBlockedPromptsAsync(string text, CancellationToken cancellationToken = default);

    // FO105 and FO106: the primary as a fallback, and a fallback listed twice.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples")]
    [Fallback("openai/gpt-5-mini")]
    [Fallback("google/gemini-2.5-flash")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Summarise: {text}")]
    Task<string> RepeatedFallbacksAsync(string text, CancellationToken cancellationToken = default);

    // FO107: a model id the catalog does not know (did you mean 'openai/gpt-5-mini'?).
    [ModelRoute("openai/gpt-5-mnii", Owner = "samples")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Detect the language of: {text}")]
    Task<string> UnknownModelAsync(string text, CancellationToken cancellationToken = default);

    // FO108 and FO109: a deprecated primary (models.json: retires 2027-06-30) and a disabled fallback.
    [ModelRoute("acme/support-legacy", Owner = "samples")]
    [Fallback("anthropic/claude-3-opus")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Answer: {text}")]
    Task<string> RetiringModelsAsync(string text, CancellationToken cancellationToken = default);

    // FO110, FO111, FO112: a fallback without vision, a window below 300k tokens, and not served in the EU.
    [ModelRoute("google/gemini-2.5-pro", Owner = "samples", Requires = Capabilities.Vision, MinContextTokens = 300_000, Region = "eu")]
    [Fallback("groq/llama-3.3-70b-versatile")]
    [Retry]
    [Prompt("Describe: {text}")]
    Task<string> FallbackLacksRequirementsAsync(string text, CancellationToken cancellationToken = default);

    // FO109 again: openai/gpt-4o passed its announced retirement date (2026-10-01), so the catalog marks it disabled.
    [ModelRoute("openai/gpt-4o", Owner = "samples")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Reply to: {text}")]
    Task<string> RetiredModelAsync(string text, CancellationToken cancellationToken = default);

    // FO103 again: MaxAttempts counts the first attempt, so 1 means "never retry".
    [ModelRoute("openai/gpt-5-mini", Owner = "samples")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Sort: {text}")]
    Task<string> SingleAttemptAsync(string text, CancellationToken cancellationToken = default);

    // FO113: nobody owns this route.
    [ModelRoute("openai/gpt-5-mini")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Extract: {text}")]
    Task<string> UnownedAsync(string text, CancellationToken cancellationToken = default);

    // FO113 again: a placeholder names nobody.
    [ModelRoute("openai/gpt-5-mini", Owner = "TODO")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Label: {text}")]
    Task<string> PlaceholderOwnerAsync(string text, CancellationToken cancellationToken = default);

    // FO110 again: structured output needs JSON, and acme/support-plain (models.json) has none.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples")]
    [Fallback("acme/support-plain")]
    [Retry]
    [Prompt("Triage: {text}")]
    Task<Triage> TriageAsync(string text, CancellationToken cancellationToken = default);

    // FO120: a small fallback for a Reasoning route.
    [ModelRoute("openai/gpt-5", Owner = "samples", Tier = RouteTier.Reasoning)]
    [Fallback("google/gemini-2.5-flash-lite")]
    [Retry]
    [Prompt("Work out: {text}")]
    Task<string> WeakFallbackAsync(string text, CancellationToken cancellationToken = default);

    // FO121: a fallback over 40 times the primary's price.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples", Tier = RouteTier.Classification)]
    [Fallback("anthropic/claude-opus-4-1")]
    [Retry]
    [Prompt("Route the ticket: {text}")]
    Task<string> ExpensiveFallbackAsync(string text, CancellationToken cancellationToken = default);

    // FO122: a Classification route on a frontier model.
    [ModelRoute("openai/gpt-5", Owner = "samples", Tier = RouteTier.Classification)]
    [Fallback("google/gemini-2.5-pro")]
    [Retry]
    [Prompt("Is this spam: {text}")]
    Task<string> FrontierClassifierAsync(string text, CancellationToken cancellationToken = default);

    // FO116: callers cannot cancel this route.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Translate: {text}")]
    Task<string> UncancellableAsync(string text);
}

/// <summary>The structured result of <see cref="IUnsafeAi.TriageAsync"/>.</summary>
public sealed record Triage(string Queue, int Priority);

/// <summary>FO114: an API key written in source. The key is fake, and split in two constant parts so that no single
/// literal looks like a key to text scanners; the analyzer folds constant concatenations and still sees it. An obvious
/// placeholder is not reported.</summary>
public static class Keys
{
    public const string Anthropic = "sk-ant-api03-" + "Zq7TfW2mKp9LxR4vBn8HcJ3sYd6GtE1uQw5N";

    public const string Placeholder = "sk-" + "YOUR-OPENAI-KEY-GOES-HERE-0000000000";
}
