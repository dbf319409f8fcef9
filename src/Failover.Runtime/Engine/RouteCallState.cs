using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Everything about a route call that does not depend on the caller's answer type: the plan, the request, the attempts
/// so far, the caller's token and the deadline. The engine's per-attempt code (slot choice, the Polly callback,
/// bookkeeping, telemetry) takes this base and is not generic: generic methods over a reference type run as shared
/// code that looks up its type arguments at run time, which the hot path should not pay for. It also travels in the
/// Polly context as a reference, so an attempt pays for no boxing.
/// </summary>
internal abstract class RouteCallState
{
    protected RouteCallState(RoutePlan plan, IList<ChatMessage> messages, CancellationToken callerToken)
    {
        Plan = plan;
        Messages = messages;
        CallerToken = callerToken;
    }

    /// <summary>The failure reported for an attempt the deadline prevented.</summary>
    public static ClassifiedFailure DeadlineFailure { get; } = new(FailureKind.Timeout, null, null, null, "The route's total timeout elapsed.");

    public RoutePlan Plan { get; }

    public IList<ChatMessage> Messages { get; }

    public CancellationToken CallerToken { get; }

    public List<RouteAttempt> Attempts { get; } = new(2);

    /// <summary>The route span, while the call runs; null when nobody listens.</summary>
    public Activity? Activity { get; set; }

    public string? CanaryKey { get; init; }

    /// <summary>The caller's per-call options (temperature, tools ...); null for the route's own. See <see cref="CallOptions"/>.</summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>What one attempt on <paramref name="slot"/> sends: the slot's options, or the caller's merged over them.</summary>
    public ChatOptions OptionsFor(ModelSlot slot) => CallOptions.Merge(ChatOptions, slot.Options);

    /// <summary>The timestamp (on the engine's <see cref="TimeProvider"/>) by which the route must be done; 0 for none.</summary>
    public long Deadline { get; set; }

    /// <summary>Whether the route's total timeout has elapsed (and the caller did not cancel).</summary>
    public bool DeadlinePassed(TimeProvider time) => Deadline != 0 && time.GetTimestamp() >= Deadline && !CallerToken.IsCancellationRequested;

    /// <summary>What is left of the route's budget (at least one tick), or <see cref="TimeSpan.MaxValue"/> without a total timeout.</summary>
    public TimeSpan Remaining(TimeProvider time)
    {
        if (Deadline == 0)
        {
            return TimeSpan.MaxValue;
        }

        var left = time.GetElapsedTime(time.GetTimestamp(), Deadline);
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }

    /// <summary>The timeout of the next attempt: the attempt timeout, cut to what is left of the route's budget.</summary>
    public TimeSpan AttemptBudget(TimeProvider time, TimeSpan attemptTimeout) =>
        Deadline == 0 ? attemptTimeout : Remaining(time) is var left && left < attemptTimeout ? left : attemptTimeout;

    /// <summary>Reads a response with the caller's reader; the value comes back boxed (as the attempt outcome holds it).</summary>
    public abstract object? ReadValue(ChatResponse response);
}
