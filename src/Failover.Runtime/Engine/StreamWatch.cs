using System;
using System.Threading;

namespace Failover;

/// <summary>Which limit a stream attempt is under.</summary>
internal enum StreamPhase
{
    /// <summary>Request sent, waiting for the response headers (the first update of any kind): the attempt timeout.</summary>
    Headers,

    /// <summary>Headers in, waiting for the first content: the first-token timeout.</summary>
    FirstToken,

    /// <summary>Content flows: the stall timeout between two chunks.</summary>
    Streaming,
}

/// <summary>
/// The one timer of a stream attempt, on the engine's <see cref="TimeProvider"/>: armed for each phase, it cancels the
/// provider call when a limit passes and remembers which limit that was. The stream's lifetime (the caller and the
/// route's total timeout) cancels it too. A chunk does not touch the timer (a timer-queue operation per chunk was most
/// of a stream's per-chunk cost): it notes the time, and a timer that fires while chunks still flow re-arms itself for
/// what is left of the limit since the last chunk, so the limit is exactly the same.
/// </summary>
internal sealed class StreamWatch : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeProvider _time;
    private CancellationTokenRegistration _lifetime;
    private CancellationTokenRegistration _attempt;
    private long _progress;
    private bool _timed;

    public StreamWatch(TimeProvider time, CancellationToken lifetime)
    {
        _time = time;
        _timer = time.CreateTimer(static state => ((StreamWatch)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _lifetime = lifetime.UnsafeRegister(static state => ((StreamWatch)state!).Cancellation.Cancel(), this);
    }

    public CancellationTokenSource Cancellation { get; } = new();

    public StreamPhase Phase { get; private set; }

    /// <summary>The limit in force, for messages.</summary>
    public TimeSpan Limit { get; private set; }

    /// <summary>The phase whose limit fired, or null while none did.</summary>
    public StreamPhase? Fired { get; private set; }

    /// <summary>Enters <paramref name="phase"/> and (re)starts its limit.</summary>
    public void Arm(StreamPhase phase, TimeSpan limit)
    {
        Phase = phase;
        Limit = limit;
        _timed = limit != Timeout.InfiniteTimeSpan;
        Volatile.Write(ref _progress, _time.GetTimestamp());
        _timer.Change(limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Restarts the current limit: a chunk arrived. Only the time is noted; the timer catches up if it fires early.
    /// Without a limit (an infinite stall timeout) nothing can fire, so not even the clock is read.
    /// </summary>
    public void Rearm()
    {
        if (_timed)
        {
            Volatile.Write(ref _progress, _time.GetTimestamp());
        }
    }

    /// <summary>Lets a token that only matters while the stream opens (a hedge race, the retry pipeline) cancel it.</summary>
    public void LinkUntilOpen(CancellationToken token)
    {
        if (token.CanBeCanceled)
        {
            _attempt = token.UnsafeRegister(static state => ((StreamWatch)state!).Cancellation.Cancel(), this);
        }
    }

    /// <summary>The stream is open: the opening token no longer cancels it.</summary>
    public void Opened() => _attempt.Dispose();

    public void Dispose()
    {
        _timer.Dispose();
        _lifetime.Dispose();
        _attempt.Dispose();
        Cancellation.Dispose();
    }

    private void Fire()
    {
        // Fired for a limit counted from an older chunk: wait for what is left of it since the latest one.
        var limit = Limit;
        var idle = _time.GetElapsedTime(Volatile.Read(ref _progress));
        if (idle < limit && limit != Timeout.InfiniteTimeSpan)
        {
            try
            {
                _timer.Change(limit - idle, Timeout.InfiniteTimeSpan);
                return;
            }
            catch (ObjectDisposedException)
            {
                return; // the stream ended while its timer fired
            }
        }

        Fired ??= Phase;
        try
        {
            Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while its timer fired.
        }
    }
}
