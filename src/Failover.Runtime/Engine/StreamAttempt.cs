using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// One streaming attempt: the provider's enumerator, the token source it runs under, and its one timer on the engine's
/// <see cref="TimeProvider"/>, which enforces every limit of the attempt: the attempt timeout until the first update,
/// the first-token timeout until the first content, then the stall timeout and the route's total timeout (the timer is
/// armed for whichever comes first). The caller's token cancels it too. Once the first content arrived it also holds
/// what the opening read (the updates before that content, the content itself, the time to first token).
/// </summary>
/// <remarks>
/// A chunk does not touch the timer or the clock (a timer-queue operation or a clock read per chunk would be most of a
/// stream's per-chunk cost): it counts a request. The clock is read only when a request has to wait (the provider's
/// <c>MoveNextAsync</c> did not complete at once): that request's time and number are noted. When the timer fires it
/// knows when the latest request was made if no request came after the noted one (the stream has waited, or the caller
/// has held the chunk, since then: the stall limit counts from that request, as it always did); otherwise chunks flowed
/// since its last look, and it counts from now. The limit is never cut short; a stall is seen at most one limit late
/// only when chunks came at once and then, without a wait, none was asked for.
/// </remarks>
internal sealed class StreamAttempt
{
    private readonly TimeProvider _time;
    private readonly long _deadline;
    private CancellationTokenRegistration _caller;
    private CancellationTokenRegistration _opening;
    private ITimer? _timer;
    private TimeSpan _stall = Timeout.InfiniteTimeSpan;
    private TimeSpan _limit;
    private long _armedAt;
    private long _sinceTime;
    private int _sinceRequest;

    /// <summary>Requests made of the open stream so far; counted by the reader, read by the timer.</summary>
    public int Requests;

    public StreamAttempt(TimeProvider time, CancellationToken callerToken, long deadline, ModelSlot slot, long started, Activity? activity)
    {
        _time = time;
        _deadline = deadline;
        Slot = slot;
        Started = started;
        Activity = activity;
        if (callerToken.CanBeCanceled)
        {
            _caller = callerToken.UnsafeRegister(static state => ((StreamAttempt)state!).Cancel(), this);
        }
    }

    public CancellationTokenSource Cancellation { get; } = new();

    public ModelSlot Slot { get; }

    public long Started { get; }

    /// <summary>The attempt's span; it lasts until the stream ends.</summary>
    public Activity? Activity { get; }

    public StreamPhase Phase { get; private set; }

    /// <summary>The phase whose limit fired, or null while none did.</summary>
    public StreamPhase? Fired { get; private set; }

    public IAsyncEnumerator<ChatResponseUpdate>? Updates { get; set; }

    /// <summary>The updates read before the first content (headers, usage), or null when the stream started with content.</summary>
    public List<ChatResponseUpdate>? Preamble { get; private set; }

    /// <summary>The update that carried the first content.</summary>
    public ChatResponseUpdate? FirstContent { get; private set; }

    public TimeSpan TimeToFirstToken { get; private set; }

    /// <summary>Whether the attempt continues a broken stream from an assistant prefill (<see cref="StreamRecovery.Continue"/>).</summary>
    public bool Continued { get; set; }

    /// <summary>The largest count of skipped malformed events the provider reported (<see cref="StreamSignals.SkippedEvents"/>).</summary>
    public int SkippedEvents { get; set; }

    /// <summary>Lets a token that only matters while the stream opens (a hedge race, the retry pipeline) cancel it.</summary>
    public void LinkUntilOpen(CancellationToken token)
    {
        if (token.CanBeCanceled)
        {
            _opening = token.UnsafeRegister(static state => ((StreamAttempt)state!).Cancel(), this);
        }
    }

    /// <summary>Enters an opening phase and (re)starts its limit, counted from <paramref name="now"/>.</summary>
    public void Arm(StreamPhase phase, TimeSpan limit, long now)
    {
        lock (this)
        {
            Phase = phase;
            _limit = limit;
            _armedAt = now;
        }

        Schedule(Due(limit, now));
    }

    /// <summary>The first content arrived at <paramref name="now"/>: the opening token no longer cancels the stream, the stall and total limits take over.</summary>
    public void Opened(List<ChatResponseUpdate>? preamble, ChatResponseUpdate firstContent, long now, TimeSpan stall)
    {
        Preamble = preamble;
        FirstContent = firstContent;
        TimeToFirstToken = _time.GetElapsedTime(Started, now);
        _opening.Dispose();
        lock (this)
        {
            _stall = stall;
            _sinceTime = now;
            _sinceRequest = Requests;
            Phase = StreamPhase.Streaming;
        }

        Schedule(Due(stall, now));
    }

    /// <summary>
    /// The latest request did not complete at once: notes when it was made, so the stall limit counts from it. Costs a
    /// clock read, which a request that waits can afford; a request answered at once pays nothing.
    /// </summary>
    public void Waiting()
    {
        if (_stall == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var now = _time.GetTimestamp();
        lock (this)
        {
            _sinceTime = now;
            _sinceRequest = Requests;
        }
    }

    /// <summary>Ends the attempt's stream; a failure to dispose adds nothing to what already happened.</summary>
    public async ValueTask CloseAsync(bool disposeActivity = true)
    {
        if (Updates is { } updates)
        {
            Updates = null;
            try
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Disposing a broken or cancelled provider stream may throw; the outcome is already recorded.
            }
        }

        Release();
        if (disposeActivity)
        {
            Activity?.Dispose();
        }
    }

    /// <summary>Releases the timer, the registrations and the token source (the provider's stream is already disposed).</summary>
    public void Release()
    {
        _timer?.Dispose();
        _caller.Dispose();
        _opening.Dispose();
        Cancellation.Dispose();
    }

    // A limit from now, cut to the route's deadline; infinite when there is neither.
    private TimeSpan Due(TimeSpan limit, long now)
    {
        if (_deadline == 0)
        {
            return limit;
        }

        var left = _time.GetElapsedTime(now, _deadline);
        left = left <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : left;
        return limit == Timeout.InfiniteTimeSpan || left < limit ? left : limit;
    }

    private void Schedule(TimeSpan due)
    {
        try
        {
            if (_timer is null)
            {
                if (due == Timeout.InfiniteTimeSpan)
                {
                    return; // created on first use: a stream with no limit at all never has a timer
                }

                // Created unarmed and armed once assigned: a timer due at once cannot fire before the field is set.
                _timer = _time.CreateTimer(static state => ((StreamAttempt)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while its timer fired.
        }
    }

    private void Fire()
    {
        var now = _time.GetTimestamp();
        if (_deadline != 0 && now >= _deadline)
        {
            Stop(); // the route's total timeout: whatever the phase
            return;
        }

        TimeSpan due;
        lock (this)
        {
            if (Phase != StreamPhase.Streaming)
            {
                // An opening limit, counted from when its phase began (a timer may fire a little early, never late).
                var elapsed = _time.GetElapsedTime(_armedAt, now);
                due = _limit == Timeout.InfiniteTimeSpan ? _limit : elapsed >= _limit ? TimeSpan.Zero : _limit - elapsed;
            }
            else if (Volatile.Read(ref Requests) == _sinceRequest)
            {
                // No request since the noted one: the stream has been idle since it was made.
                var idle = _time.GetElapsedTime(_sinceTime, now);
                due = _stall == Timeout.InfiniteTimeSpan ? _stall : idle >= _stall ? TimeSpan.Zero : _stall - idle;
            }
            else
            {
                // Chunks flowed since the last look: count from now.
                _sinceTime = now;
                _sinceRequest = Volatile.Read(ref Requests);
                due = _stall;
            }
        }

        if (due == TimeSpan.Zero)
        {
            Stop();
            return;
        }

        Schedule(Due(due, now));
    }

    private void Stop()
    {
        Fired ??= Phase;
        Cancel();
    }

    private void Cancel()
    {
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
