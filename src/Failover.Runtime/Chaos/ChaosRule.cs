using System;

namespace Failover;

/// <summary>One fault a game day injects into the calls of matching models (<c>Failover:Chaos:Rules:{n}</c>).</summary>
public sealed class ChaosRule
{
    /// <summary>The models it applies to: a model id (<c>openai/gpt-5-mini</c>), every model of a provider (<c>openai/*</c>) or every model (<c>*</c>).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The failure injected.</summary>
    public ChaosFault Fault { get; set; }

    /// <summary>The share of the calls that reach this rule that get the fault, from 0 to 1. Rules of a model apply in order.</summary>
    public double InjectionRate { get; set; }

    /// <summary>The retry-after sent with <see cref="ChaosFault.RateLimited"/>.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The delay of <see cref="ChaosFault.Timeout"/>, <see cref="ChaosFault.LateFirstToken"/> and <see cref="ChaosFault.Stall"/>; null for the fault's default.</summary>
    public TimeSpan? Latency { get; set; }

    /// <summary>The chunks a stream delivers before <see cref="ChaosFault.StreamCut"/> or <see cref="ChaosFault.Stall"/> strikes.</summary>
    /// <value>The default is 1.</value>
    public int AfterChunks { get; set; } = 1;

    /// <summary>Whether the rule applies to <paramref name="modelId"/>.</summary>
    public bool Matches(string modelId)
    {
        if (Model == "*")
        {
            return true;
        }

        return Model.EndsWith("/*", StringComparison.Ordinal)
            ? modelId.StartsWith(Model[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(Model, modelId, StringComparison.OrdinalIgnoreCase);
    }

    internal TimeSpan EffectiveLatency => Latency ?? (Fault == ChaosFault.Timeout ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(30));
}
