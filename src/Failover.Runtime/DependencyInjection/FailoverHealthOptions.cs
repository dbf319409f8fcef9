using System;

namespace Failover;

/// <summary>Circuit breaker and cooldown settings of the default <see cref="InMemoryRouteHealthStore"/>, bound from <c>Failover:Health</c>.</summary>
public sealed class FailoverHealthOptions
{
    /// <summary>Whether health is tracked at all; when false every model is always tried.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Consecutive breaker-counting failures (overload, 5xx, timeout, connection, unknown) that open a model's breaker.</summary>
    /// <value>The default is 5.</value>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Consecutive breaker-counting failures over all models of one provider that open the provider's breaker.</summary>
    /// <value>The default is 10.</value>
    public int ProviderFailureThreshold { get; set; } = 10;

    /// <summary>How long an open breaker skips the model (or provider) before one half-open trial is let through.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a model that answered "gone" (404 model not found, 410, disabled) is skipped.</summary>
    /// <value>The default is 1 hour.</value>
    public TimeSpan GoneCooldown { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a rate-limited model cools down when the provider sent no retry-after.</summary>
    /// <value>The default is 10 seconds. A retry-after from the provider is used as sent, capped at <see cref="GoneCooldown"/>.</value>
    public TimeSpan RateLimitCooldown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a provider whose key was rejected (401/403) or whose quota ran out is skipped.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan AuthCooldown { get; set; } = TimeSpan.FromMinutes(5);
}
