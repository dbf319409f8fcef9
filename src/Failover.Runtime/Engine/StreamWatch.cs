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
/// The one timer of a stream attempt, on the engine's <see cref="TimeProvider"/>: re-armed for each phase and each
/// chunk, it cancels the provider call when a limit passes and remembers which limit that was. The stream's lifetime
/// (the caller and the route's total timeout) cancels it too.
/// </summary>
internal sealed class StreamWatch : IDisposable
{
    private readonly ITimer _timer;
    private CancellationTokenRegistration _lifetime;
    private CancellationTokenRegistration _attempt;

    public StreamWatch(TimeProvider time, CancellationToken lifetime)
    {
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
        _timer.Change(limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Restarts the current limit: a chunk arrived.</summary>
    public void Rearm() => _timer.Change(Limit, Timeout.InfiniteTimeSpan);

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
