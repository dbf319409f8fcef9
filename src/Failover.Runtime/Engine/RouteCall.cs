using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>The state of one route call, with what depends on the answer type: the reader, the value read from the winning response, the degradation.</summary>
/// <typeparam name="T">The type the caller asked for.</typeparam>
internal sealed class RouteCall<T> : RouteCallState
{
    public RouteCall(RoutePlan plan, IList<ChatMessage> messages, Func<ChatResponse, T> read, CancellationToken callerToken)
        : base(plan, messages, callerToken)
    {
        Read = read;
    }

    public Func<ChatResponse, T> Read { get; }

    public T? Value { get; set; }

    public Func<T>? Degrade { get; init; }

    public override object? ReadValue(ChatResponse response) => Read(response);
}
