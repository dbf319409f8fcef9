using System;

namespace Failover;

/// <summary>Default timeouts for every route of an interface or assembly. A route's own values win.</summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class RouteTimeoutAttribute : Attribute
{
    /// <summary>The timeout of one attempt in milliseconds; 0 leaves the global default.</summary>
    public int AttemptTimeoutMs { get; set; }

    /// <summary>The timeout of a whole route in milliseconds; 0 leaves the global default.</summary>
    public int TotalTimeoutMs { get; set; }

    /// <summary>Streams: the longest wait from the response headers to the first content chunk in milliseconds; 0 leaves the global default.</summary>
    public int FirstTokenTimeoutMs { get; set; }

    /// <summary>Streams: the longest gap between two chunks in milliseconds; 0 leaves the global default.</summary>
    public int StallTimeoutMs { get; set; }
}
