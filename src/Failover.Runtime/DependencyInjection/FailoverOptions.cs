using System;

namespace Failover;

/// <summary>Global settings of the failover engine, bound from the <c>Failover</c> configuration section.</summary>
public sealed class FailoverOptions
{
    /// <summary>The timeout of one attempt when neither the route nor its interface or assembly sets one.</summary>
    /// <value>The default is 60 seconds. Every attempt has a timeout, so nothing hangs.</value>
    public TimeSpan DefaultAttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of a whole route call when the route sets none; <see cref="TimeSpan.Zero"/> for none.</summary>
    /// <value>The default is 3 minutes.</value>
    public TimeSpan DefaultTotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Circuit breakers and cooldowns of the default health store.</summary>
    public FailoverHealthOptions Health { get; set; } = new();
}
