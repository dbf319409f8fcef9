using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>A route's settings overridden by configuration, without a redeploy (<c>Failover:Routes:{routeName}</c>).</summary>
public sealed class RouteOverrideOptions
{
    /// <summary>
    /// Replaces (or reorders) the route's chain: the first id is the primary, the rest are fallbacks. Each id is
    /// <c>provider/model</c> where the provider is registered (<c>AddProvider</c>); the model may be any model of that
    /// provider, not only one a compiled route names. Catalog facts (context window, prices, prefill) come from a
    /// compiled route that names the same model; a model no route names has none (its window counts as unknown).
    /// Empty keeps the declared chain.
    /// </summary>
    public IList<string> Chain { get; set; } = new List<string>();

    /// <summary>Overrides the attempts per model of the route's retry rule (1 means no retry); null keeps the declared rule.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>
    /// Replaces the route's <see cref="RetryRule.RetryOn"/>: failure kinds retried on the same model on top of the policy
    /// table's defaults, by name (<c>["NoResponse"]</c>). Null keeps the declared list. It takes effect only when the
    /// route tries a model more than once (<see cref="MaxAttempts"/> or the declared rule).
    /// </summary>
    public IList<FailureKind>? RetryOn { get; set; }

    /// <summary>
    /// Replaces the route's <see cref="RetryRule.NoRetryOn"/>: failure kinds never retried on the same model, by name
    /// (<c>["RateLimited"]</c>). It wins over a declared <see cref="RetryRule.RetryOn"/>, so it also switches off a kind
    /// the attributes opted in. Null keeps the declared list.
    /// </summary>
    public IList<FailureKind>? NoRetryOn { get; set; }

    /// <summary>Overrides the route's attempt timeout (request to response headers, or to the whole answer when not streamed).</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>Overrides the route's first-token timeout (streams: headers to the first content chunk).</summary>
    public TimeSpan? FirstTokenTimeout { get; set; }

    /// <summary>Overrides the route's stall timeout (streams: the longest gap between two chunks).</summary>
    public TimeSpan? StallTimeout { get; set; }

    /// <summary>Overrides the route's total timeout (the whole call, every attempt and backoff included).</summary>
    public TimeSpan? TotalTimeout { get; set; }

    /// <summary>
    /// Overrides the share of calls, in percent (0 to 100), that try the route's <c>[Canary]</c> model first, so a new
    /// model is promoted step by step without a redeploy (<c>Failover:Routes:{route}:CanaryPercent</c>); 0 turns the
    /// canary off. A reload takes effect on the next call. Null keeps the compiled share.
    /// </summary>
    public double? CanaryPercent { get; set; }

    /// <summary>Overrides what the route's stream does when it breaks after the first chunk.</summary>
    public StreamRecovery? StreamRecovery { get; set; }
}
