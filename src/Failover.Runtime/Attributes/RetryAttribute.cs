using System;

namespace Failover;

/// <summary>
/// How often one model is tried before the route moves on. Only transient failures (rate limits,
/// overload, 5xx, provider timeouts, connection failures, a stream broken before its first chunk) are retried by
/// default; <see cref="RetryOn"/> and <see cref="NoRetryOn"/> change that per kind. On an interface or assembly it is the default
/// for every route below it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface | AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class RetryAttribute : Attribute
{
    /// <summary>Attempts per model, the first included.</summary>
    /// <value>The default is 2. 1 means no retry.</value>
    public int MaxAttempts { get; set; } = AttributeDefaults.RetryMaxAttempts;

    /// <summary>The first backoff delay in milliseconds, doubled on each retry.</summary>
    /// <value>The default is 200.</value>
    public int BaseDelayMs { get; set; } = AttributeDefaults.RetryBaseDelayMs;

    /// <summary>The longest delay in milliseconds. A provider asking for a longer retry-after makes the route fall back instead of waiting.</summary>
    /// <value>The default is 5000.</value>
    public int MaxDelayMs { get; set; } = AttributeDefaults.RetryMaxDelayMs;

    /// <summary>Whether delays are randomised so that many callers do not retry in step.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Jitter { get; set; } = AttributeDefaults.RetryJitter;

    /// <summary>Also retry invalid responses (unparseable or schema mismatch) once on the same model.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RetryInvalidResponse { get; set; }

    /// <summary>
    /// Failure kinds also retried on the same model, on top of the default table (docs/routing.md, "Retry by failure
    /// kind"), for example <c>RetryOn = new[] { FailureKind.NoResponse }</c>.
    /// </summary>
    public FailureKind[]? RetryOn { get; set; }

    /// <summary>Failure kinds never retried on the same model, for example <c>NoRetryOn = new[] { FailureKind.RateLimited }</c> to move on at once.</summary>
    public FailureKind[]? NoRetryOn { get; set; }
}
