using System;
using System.Collections.Generic;
using System.Text;

namespace Failover;

/// <summary>
/// Every option of a route failed, or a failure stopped the route. The message names the route and lists every
/// attempt (model, provider, failure kind, status, latency); it never contains an API key.
/// </summary>
public sealed class FailoverException : Exception
{
    /// <summary>Creates the exception for a route that could not be served.</summary>
    public FailoverException(RouteDescriptor route, IReadOnlyList<RouteAttempt> attempts, string reason, Exception? lastError = null)
        : base(Describe(route, attempts, reason), lastError)
    {
        Route = route;
        Attempts = attempts;
        Reason = reason;
    }

    /// <summary>The route that failed.</summary>
    public RouteDescriptor Route { get; }

    /// <summary>Every attempt, in order.</summary>
    public IReadOnlyList<RouteAttempt> Attempts { get; }

    /// <summary>Why the route stopped, in one sentence.</summary>
    public string Reason { get; }

    /// <summary>The kind of the last failure, or <see cref="FailureKind.None"/> when no model was tried.</summary>
    public FailureKind LastFailure => Attempts.Count == 0 ? FailureKind.None : Attempts[^1].Failure;

    private static string Describe(RouteDescriptor route, IReadOnlyList<RouteAttempt> attempts, string reason)
    {
        var text = new StringBuilder();
        text.Append("Route '").Append(route.Name).Append("' failed: ").Append(reason);
        text.Append(" Attempts (").Append(attempts.Count).Append("):");
        foreach (var attempt in attempts)
        {
            text.AppendLine().Append("  ").Append(attempt.ToString());
        }

        return text.ToString();
    }
}

/// <summary>Failover is configured in a way that cannot work: a route names a provider that is not registered or has no key.</summary>
public sealed class FailoverConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FailoverConfigurationException(string message)
        : base(message)
    {
    }
}
