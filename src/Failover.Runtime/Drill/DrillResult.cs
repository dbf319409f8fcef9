using System;

namespace Failover;

/// <summary>What the drill found for one model of one route, when that model was made the one that answers.</summary>
public sealed class DrillResult
{
    /// <summary>The route name.</summary>
    public required string Route { get; init; }

    /// <summary>The full name of the route's interface.</summary>
    public required string Interface { get; init; }

    /// <summary>The model under test (<c>provider/model</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The model's place in the route: <c>primary</c>, <c>fallback 1</c>, <c>fallback 2</c>, ... or <c>canary</c>.</summary>
    public required string Role { get; init; }

    /// <summary>
    /// The prompt variant the probe sent, the one a real call sends this model: the family (provider or model id) of a
    /// <c>[Prompt(..., For = ...)]</c> / <c>[SystemPrompt(..., For = ...)]</c>, or null for the route's default prompt.
    /// </summary>
    public string? PromptVariant { get; init; }

    /// <summary>Whether the provider answered at the HTTP level at all (an error status counts; a refused connection or a silent timeout does not).</summary>
    public bool Reachable { get; init; }

    /// <summary>Whether the model under test served the probe through the engine.</summary>
    public bool Answered { get; init; }

    /// <summary>How long the route call took, from the engine's first step to its answer or failure.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The attempts the engine made on the model (retries included).</summary>
    public int Attempts { get; init; }

    /// <summary>Input tokens reported by the provider.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens reported by the provider.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The probe's cost in US dollars, when the catalog knows the model's prices.</summary>
    public decimal? Cost { get; init; }

    /// <summary>For routes with a structured (<c>T</c>) result: whether the answer parsed into it; null for other routes.</summary>
    public bool? StructuredOutputValid { get; init; }

    /// <summary>For stream routes: whether chunks arrived and the stream completed; null for other routes.</summary>
    public bool? Streamed { get; init; }

    /// <summary>For stream routes: the chunks received.</summary>
    public int Chunks { get; init; }

    /// <summary>For stream routes: the time to the first chunk.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    /// <summary>Why the model did not answer; null when it did.</summary>
    public string? Failure { get; init; }

    /// <summary>Whether this model passed: it answered and, where it applies, its output was valid and streamed.</summary>
    public bool Passed => Answered && StructuredOutputValid != false && Streamed != false;
}
