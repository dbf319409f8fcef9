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

    /// <summary>
    /// Whether prompts and completions are written to the <c>Failover.Routing</c> log (event ids 1101 and 1102, at Debug).
    /// Turn it on only where logs may hold user content. API keys are never logged either way.
    /// </summary>
    /// <value>The default is <see langword="false"/>: no prompt or completion text is logged.</value>
    public bool LogContent { get; set; }
}
