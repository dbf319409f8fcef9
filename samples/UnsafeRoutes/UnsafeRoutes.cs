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

    // FO108 and FO109: a deprecated primary and a disabled fallback.
    [ModelRoute("openai/gpt-4o", Owner = "samples")]
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

    // FO113: nobody owns this route.
    [ModelRoute("openai/gpt-5-mini")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Extract: {text}")]
    Task<string> UnownedAsync(string text, CancellationToken cancellationToken = default);

    // FO116: callers cannot cancel this route.
    [ModelRoute("openai/gpt-5-mini", Owner = "samples")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry]
    [Prompt("Translate: {text}")]
    Task<string> UncancellableAsync(string text);
}

/// <summary>FO114: an API key written in source. The key is fake, and split in two constant parts so that no single
/// literal looks like a key to text scanners; the analyzer folds constant concatenations and still sees it.</summary>
public static class Keys
{
    public const string Anthropic = "sk-ant-api03-" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
}
