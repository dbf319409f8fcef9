using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>The state of one route call: the request, the attempts so far and the value read from the winning response.</summary>
/// <typeparam name="T">The type the caller asked for.</typeparam>
internal sealed class RouteCall<T>
{
    public RouteCall(RoutePlan plan, IList<ChatMessage> messages, Func<ChatResponse, T> read, CancellationToken callerToken)
    {
        Plan = plan;
        Messages = messages;
        Read = read;
        CallerToken = callerToken;
    }

    public RoutePlan Plan { get; }

    public IList<ChatMessage> Messages { get; }

    public Func<ChatResponse, T> Read { get; }

    public CancellationToken CallerToken { get; }

    public List<RouteAttempt> Attempts { get; } = new(2);

    public T? Value { get; set; }

    /// <summary>The route span, while the call runs; null when nobody listens.</summary>
    public Activity? Activity { get; set; }
    public string? CanaryKey { get; init; }

    public Func<T>? Degrade { get; init; }

    /// <summary>The timestamp (on the engine's <see cref="TimeProvider"/>) by which the route must be done; 0 for none.</summary>
    public long Deadline { get; set; }

    /// <summary>The failure reported for an attempt the deadline prevented.</summary>
    public static ClassifiedFailure DeadlineFailure { get; } = new(FailureKind.Timeout, null, null, null, "The route's total timeout elapsed.");

    /// <summary>Whether the route's total timeout has elapsed (and the caller did not cancel).</summary>
    public bool DeadlinePassed(TimeProvider time) => Deadline != 0 && time.GetTimestamp() >= Deadline && !CallerToken.IsCancellationRequested;
}
