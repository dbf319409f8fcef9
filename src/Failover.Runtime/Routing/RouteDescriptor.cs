using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Everything the engine needs to run one route, emitted by the generator from the route's attributes and
/// the model catalog. One instance per route, created once; the engine caches its plan by reference.
/// </summary>
public sealed class RouteDescriptor
{
    /// <summary>
    /// The plan last built for this route with the generation that built it (see <c>FailoverEngine.GetPlan</c>): a
    /// call checks one reference instead of looking the route up. Another engine, or a configuration reload, simply
    /// misses and replaces it.
    /// </summary>
    internal volatile RoutePlan? LastPlan;

    /// <summary>The route name, unique in the application.</summary>
    public required string Name { get; init; }

    /// <summary>The full name of the declaring interface.</summary>
    public required string Interface { get; init; }

    /// <summary>The declaring method's name.</summary>
    public required string Method { get; init; }

    /// <summary>The primary model.</summary>
    public required ModelTarget Primary { get; init; }

    /// <summary>The backups, in the order they are tried.</summary>
    public IReadOnlyList<ModelTarget> Fallbacks { get; init; } = Array.Empty<ModelTarget>();

    /// <summary>The retry rule for each model.</summary>
    public RetryRule Retry { get; init; } = RetryRule.None;

    /// <summary>The timeout of one attempt; null uses <see cref="FailoverOptions.DefaultAttemptTimeout"/>.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>The timeout of the whole route; null uses <see cref="FailoverOptions.DefaultTotalTimeout"/>.</summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>Streams: the longest wait from headers to the first content chunk; null uses <see cref="FailoverOptions.DefaultFirstTokenTimeout"/>.</summary>
    public TimeSpan? FirstTokenTimeout { get; init; }

    /// <summary>Streams: the longest gap between two chunks; null uses <see cref="FailoverOptions.DefaultStallTimeout"/>.</summary>
    public TimeSpan? StallTimeout { get; init; }

    /// <summary>What a stream does when it breaks after the first chunk reached the caller.</summary>
    public StreamRecovery StreamRecovery { get; init; }

    /// <summary>What kind of work the route does.</summary>
    public RouteTier Tier { get; init; }

    /// <summary>Who answers for the route.</summary>
    public string? Owner { get; init; }

    /// <summary>How much a failure matters.</summary>
    public Criticality Criticality { get; init; } = Criticality.Normal;

    /// <summary>Capabilities every model must have.</summary>
    public Capabilities Requires { get; init; }

    /// <summary>The smallest context window every model must have.</summary>
    public int MinContextTokens { get; init; }

    /// <summary>The region every model must be offered in.</summary>
    public string? Region { get; init; }

    /// <summary>Whether a content-policy block may move to another model.</summary>
    public bool FallbackOnContentPolicy { get; init; }

    /// <summary>Options sent with every request of the route (response format, tools); the engine sets the model id.</summary>
    public ChatOptions? Options { get; init; }

    /// <summary>How long an attempt may run before the next model is started as a hedge; null for no hedging.</summary>
    public TimeSpan? Hedge { get; init; }

    /// <summary>The canary: a candidate model that gets a share of the traffic first; null for none.</summary>
    public CanaryRule? Canary { get; init; }

    /// <summary>Whether models whose known context window is smaller than the estimated prompt are skipped up front.</summary>
    public bool EstimateContext { get; init; }

    /// <summary>
    /// The model families with their own prompt or system prompt (<c>For</c> of <c>[Prompt]</c> / <c>[SystemPrompt]</c>):
    /// a provider (<c>anthropic</c>) or a full model id, in the order generated clients add their texts to
    /// <see cref="PromptMessages"/>. Empty when every model gets the same prompt.
    /// </summary>
    public IReadOnlyList<string> PromptVariants { get; init; } = Array.Empty<string>();

    /// <summary>The prompt variant the model <paramref name="modelId"/> (<c>provider/model</c>) gets, or null for the default prompt.</summary>
    public string? PromptVariantOf(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return PromptVariantIndex(modelId) is var index and >= 0 ? PromptVariants[index] : null;
    }

    /// <summary>The one matching rule of prompt variants: the model's own id wins over its provider; -1 for the default.</summary>
    internal int PromptVariantIndex(string modelId)
    {
        var slash = modelId.IndexOf('/');
        var provider = slash > 0 ? modelId.AsSpan(0, slash) : ReadOnlySpan<char>.Empty;
        var byProvider = -1;
        for (var i = 0; i < PromptVariants.Count; i++)
        {
            if (string.Equals(PromptVariants[i], modelId, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }

            if (byProvider < 0 && provider.Length > 0 && provider.Equals(PromptVariants[i], StringComparison.OrdinalIgnoreCase))
            {
                byProvider = i;
            }
        }

        return byProvider;
    }

    /// <summary>The primary followed by the fallbacks.</summary>
    public IEnumerable<ModelTarget> Chain
    {
        get
        {
            yield return Primary;
            foreach (var fallback in Fallbacks)
            {
                yield return fallback;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
