using System;

namespace Failover;

/// <summary>Per-call inputs of a route beyond its messages: the canary key and the degradation. Generated clients fill it.</summary>
/// <typeparam name="T">The route's value type.</typeparam>
public sealed class RouteCallOptions<T>
{
    /// <summary>The key that decides canary assignment deterministically; null for a random choice.</summary>
    public string? CanaryKey { get; init; }

    /// <summary>
    /// Produces the degraded value when every model failed. Not called when the caller cancelled or when a deterministic
    /// failure (malformed request, content policy) stopped the route.
    /// </summary>
    public Func<T>? Degrade { get; init; }

    /// <summary>
    /// Per-call chat options (temperature, max output tokens, stop sequences, response format, tools, tool mode, extra
    /// properties) sent to whichever model serves the call; values set here win over the route's own. The model id is
    /// always the route's: each attempt sets its model's.
    /// </summary>
    public Microsoft.Extensions.AI.ChatOptions? ChatOptions { get; init; }
}
