using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>The state of one route call: the request, the attempts so far and the value read from the winning response.</summary>
/// <typeparam name="T">The type the caller asked for.</typeparam>
internal sealed class RouteCall<T> : RouteCallBudget
{
    public RouteCall(RoutePlan plan, IList<ChatMessage> messages, Func<ChatResponse, T> read, CancellationToken callerToken)
        : base(callerToken)
    {
        Plan = plan;
        Messages = messages;
        Read = read;
    }

    public RoutePlan Plan { get; }

    public IList<ChatMessage> Messages { get; }

    public Func<ChatResponse, T> Read { get; }

    public List<RouteAttempt> Attempts { get; } = new(2);

    public T? Value { get; set; }

    /// <summary>The route span, while the call runs; null when nobody listens.</summary>
    public Activity? Activity { get; set; }

    public string? CanaryKey { get; init; }

    public Func<T>? Degrade { get; init; }
}
