using System;
using System.Threading;

namespace Failover;

/// <summary>
/// The part of a route call the retry and timeout strategies need: the caller's token and the deadline. It travels in
/// the Polly context as a reference, so an attempt pays for no boxing.
/// </summary>
internal abstract class RouteCallBudget
{
    protected RouteCallBudget(CancellationToken callerToken) => CallerToken = callerToken;

    /// <summary>The failure reported for an attempt the deadline prevented.</summary>
    public static ClassifiedFailure DeadlineFailure { get; } = new(FailureKind.Timeout, null, null, null, "The route's total timeout elapsed.");

    public CancellationToken CallerToken { get; }

    /// <summary>The timestamp (on the engine's <see cref="TimeProvider"/>) by which the route must be done; 0 for none.</summary>
    public long Deadline { get; set; }

    /// <summary>Whether the route's total timeout has elapsed (and the caller did not cancel).</summary>
    public bool DeadlinePassed(TimeProvider time) => Deadline != 0 && time.GetTimestamp() >= Deadline && !CallerToken.IsCancellationRequested;

    /// <summary>The timeout of the next attempt: the attempt timeout, cut to what is left of the route's budget.</summary>
    public TimeSpan AttemptBudget(TimeProvider time, TimeSpan attemptTimeout)
    {
        if (Deadline == 0)
        {
            return attemptTimeout;
        }

        var left = time.GetElapsedTime(time.GetTimestamp(), Deadline);
        return left >= attemptTimeout ? attemptTimeout : left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }
}
