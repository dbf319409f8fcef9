using System;

namespace Failover;

/// <summary>
/// Declares an interface method as a model call: the primary model and what the route needs.
/// The Failover generator implements the method; the analyzers judge the route.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ModelRouteAttribute : Attribute
{
    /// <summary>Declares the primary model.</summary>
    /// <param name="model">The model id as <c>provider/model</c>, such as <c>openai/gpt-5-mini</c>.</param>
    public ModelRouteAttribute(string model) => Model = model;

    /// <summary>The primary model id, <c>provider/model</c>.</summary>
    public string Model { get; }

    /// <summary>The route's name in events, metrics and configuration.</summary>
    /// <value>The default is the interface name without its leading <c>I</c>, a dot, and the method name without <c>Async</c>.</value>
    public string? Name { get; set; }

    /// <summary>What kind of work the route does.</summary>
    /// <value>The default is <see cref="RouteTier.General"/>.</value>
    public RouteTier Tier { get; set; }

    /// <summary>The team or person who answers for the route.</summary>
    public string? Owner { get; set; }

    /// <summary>How much it matters when the route fails.</summary>
    /// <value>The default is <see cref="Criticality.Normal"/>.</value>
    public Criticality Criticality { get; set; } = AttributeDefaults.RouteCriticality;

    /// <summary>Capabilities every model in the chain must have.</summary>
    public Capabilities Requires { get; set; }

    /// <summary>The smallest context window, in tokens, every model in the chain must have.</summary>
    public int MinContextTokens { get; set; }

    /// <summary>
    /// The data region every model in the chain must be offered in, such as <c>eu</c>: a model meets it only when its
    /// catalog entry lists that region in <c>regions</c> (case-insensitive, trimmed); see docs/diagnostics.md, "Regions".
    /// </summary>
    public string? Region { get; set; }

    /// <summary>The timeout of one attempt, in milliseconds; 0 inherits the interface, assembly or global default.</summary>
    public int AttemptTimeoutMs { get; set; }

    /// <summary>The timeout of the whole route, all attempts included, in milliseconds; 0 inherits the default.</summary>
    public int TotalTimeoutMs { get; set; }

    /// <summary>
    /// Streams: the longest wait from the response headers to the first content chunk, in milliseconds; 0 inherits the
    /// interface, assembly or global default (<see cref="FailoverOptions.DefaultFirstTokenTimeout"/>).
    /// </summary>
    public int FirstTokenTimeoutMs { get; set; }

    /// <summary>
    /// Streams: the longest gap between two chunks, in milliseconds; 0 inherits the default
    /// (<see cref="FailoverOptions.DefaultStallTimeout"/>).
    /// </summary>
    public int StallTimeoutMs { get; set; }

    /// <summary>What a stream does when it breaks after the first chunk reached the caller.</summary>
    /// <value>The default is <see cref="Failover.StreamRecovery.None"/>: a typed <see cref="StreamInterruptedException"/>.</value>
    public StreamRecovery StreamRecovery { get; set; }

    /// <summary>Whether a content-policy block may move to another model instead of failing at once.</summary>
    /// <value>The default is <see langword="false"/>: an unsafe prompt is not shopped around.</value>
    public bool FallbackOnContentPolicy { get; set; }

    /// <summary>The source-generated <c>JsonSerializerContext</c> for a structured-output route; see <see cref="JsonContextAttribute"/>.</summary>
    public Type? JsonContext { get; set; }

    /// <summary>
    /// Whether the engine estimates the prompt's size (characters / 4) and skips, up front, models whose known context
    /// window is smaller. <see cref="FailoverOptions.EstimatePromptTokens"/> turns it on for every route.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool EstimateContext { get; set; }
}
