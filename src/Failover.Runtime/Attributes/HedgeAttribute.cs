using System;

namespace Failover;

/// <summary>
/// Opts a route in to hedging: when the running attempt has not answered after <see cref="AfterMs"/>, the next model
/// of the chain starts too; the first good answer wins and the other attempt is cancelled. Both attempts are
/// recorded (and both may be billed). Not applied to streaming routes.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class HedgeAttribute : Attribute
{
    /// <summary>How long the running attempt may take before the next model is started, in milliseconds. Must be positive.</summary>
    /// <value>The default is 2000.</value>
    public int AfterMs { get; set; } = AttributeDefaults.HedgeAfterMs;
}
