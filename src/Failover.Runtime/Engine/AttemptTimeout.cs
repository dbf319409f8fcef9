using System;
using System.Threading;
using System.Threading.Tasks;

namespace Failover;

/// <summary>
/// The per-attempt timeout of an attempt the engine runs outside Polly (a model's first try): a token source linked to
/// the call's token, armed on the engine's <see cref="TimeProvider"/> only once the provider call is known to wait. An
/// answer that is already there arms no timer at all; one that waits arms exactly one, due when the attempt's budget
/// (counted from the attempt's start) ends, so the limit is the same as Polly's timeout strategy would enforce.
/// Sources are reused per thread, like Polly's pool: a source is only reused after a successful reset.
/// </summary>
internal sealed class AttemptTimeout
{
    [ThreadStatic]
    private static AttemptTimeout? t_spare;

    private readonly CancellationTokenSource _source = new();
    private CancellationTokenRegistration _link;
    private ITimer? _timer;

    private AttemptTimeout()
    {
    }

    /// <summary>The token the provider call runs under.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>A timeout linked to <paramref name="outer"/> (the caller's token, or a stream's lifetime), not armed yet.</summary>
    public static AttemptTimeout Rent(CancellationToken outer)
    {
        var timeout = t_spare ?? new AttemptTimeout();
        t_spare = null;
        if (outer.CanBeCanceled)
        {
            timeout._link = outer.UnsafeRegister(static state => ((AttemptTimeout)state!)._source.Cancel(), timeout);
        }

        return timeout;
    }

    /// <summary>Arms the timer when <paramref name="pending"/> has not completed: due <paramref name="budget"/> after <paramref name="started"/>.</summary>
    public void ArmIfPending(Task pending, TimeProvider time, long started, TimeSpan budget)
    {
        if (pending.IsCompleted)
        {
            return;
        }

        var due = budget - time.GetElapsedTime(started);
        if (due <= TimeSpan.Zero)
        {
            // The budget was spent before the call returned (a clock advanced meanwhile): the attempt is over.
            _source.Cancel();
        }
        else if (ReferenceEquals(time, TimeProvider.System)) // clock: an identity check on the injected provider, no clock read
        {
            // The system clock's own timer on the source: no allocation, and the source stays reusable.
            _source.CancelAfter(due);
        }
        else
        {
            _timer = time.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), _source, due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Ends the attempt's timeout; the source is kept for the next attempt on this thread when it can be reset.</summary>
    public void Return()
    {
        _link.Dispose();
        _link = default;
        if (_timer is not null)
        {
            // Another clock's timer may still be firing: this source is never handed out again.
            _timer.Dispose();
            _timer = null;
            return;
        }

        if (_source.TryReset())
        {
            t_spare ??= this;
        }
    }
}
