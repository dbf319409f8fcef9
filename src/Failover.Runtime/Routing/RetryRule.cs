using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>Where a route's retry rule came from.</summary>
public enum RetryRuleSource
{
    /// <summary>No retry rule anywhere: each model is tried once.</summary>
    None = 0,

    /// <summary>The method's own <see cref="RetryAttribute"/>.</summary>
    Method,

    /// <summary>The interface's <see cref="RetryAttribute"/>.</summary>
    Interface,

    /// <summary>The assembly's <see cref="RetryAttribute"/>.</summary>
    Assembly,
}

/// <summary>How often one model is tried, and how long to wait between tries. Only transient failures are retried.</summary>
public sealed class RetryRule
{
    /// <summary>No retries: every model is tried once.</summary>
    public static RetryRule None { get; } = new() { MaxAttempts = 1, Source = RetryRuleSource.None };

    /// <summary>Attempts per model, the first included.</summary>
    /// <value>The default is 2.</value>
    public int MaxAttempts { get; init; } = AttributeDefaults.RetryMaxAttempts;

    /// <summary>The first backoff delay.</summary>
    /// <value>The default is 200 ms.</value>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(AttributeDefaults.RetryBaseDelayMs);

    /// <summary>The longest delay; a longer retry-after makes the route fall back instead.</summary>
    /// <value>The default is 5 s.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(AttributeDefaults.RetryMaxDelayMs);

    /// <summary>Whether delays are randomised.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Jitter { get; init; } = AttributeDefaults.RetryJitter;

    /// <summary>Whether an invalid response is retried once on the same model.</summary>
    public bool RetryInvalidResponse { get; init; }

    /// <summary>
    /// Failure kinds retried on the same model on top of the policy table's defaults, such as
    /// <see cref="FailureKind.NoResponse"/> for a model known to answer on a second try.
    /// </summary>
    public IReadOnlyList<FailureKind> RetryOn { get; init; } = Array.Empty<FailureKind>();

    /// <summary>Failure kinds never retried on the same model, even where the policy table retries them (such as <see cref="FailureKind.RateLimited"/>).</summary>
    public IReadOnlyList<FailureKind> NoRetryOn { get; init; } = Array.Empty<FailureKind>();

    /// <summary>Where the rule was declared.</summary>
    public RetryRuleSource Source { get; init; } = RetryRuleSource.Method;

    /// <inheritdoc/>
    public override string ToString() =>
        MaxAttempts <= 1 ? "no retry" : $"{MaxAttempts} attempts, backoff {BaseDelay.TotalMilliseconds:0}-{MaxDelay.TotalMilliseconds:0} ms{(Jitter ? " with jitter" : string.Empty)}";
}
