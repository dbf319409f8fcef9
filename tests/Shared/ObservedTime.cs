using Microsoft.Extensions.Time.Testing;

namespace Failover.TestSupport;

/// <summary>
/// Shared by the test projects (linked as source): a <see cref="FakeTimeProvider"/> that lets a test wait until a timer
/// with a given due time exists or has been armed, so the clock is advanced only after the engine (Polly delay, timeout,
/// stream limit) or the simulator (scripted latency) is waiting on it. Advancing earlier is a hang: the fake clock has
/// moved past a timer that did not exist yet. Counting is race-free: the counts only grow.
/// </summary>
public sealed class ObservedTime : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _created = [];
    private readonly List<TimeSpan> _armed = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _live;

    public ObservedTime()
        : base(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Observed(this, base.CreateTimer(callback, state, dueTime, period));
        Interlocked.Increment(ref _live);
        Record(dueTime, created: true);
        return timer;
    }

    /// <summary>Timers created and not disposed yet: a stream that ended or was disposed leaves none of its own.</summary>
    public int LiveTimers => Volatile.Read(ref _live);

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="dueTime"/> have been created.</summary>
    public Task WaitForTimersAsync(TimeSpan dueTime, int count = 1) => WaitUntilAsync(() => _created.Count(d => d == dueTime) >= count);

    /// <summary>
    /// Completes once timers have been set <paramref name="count"/> times to fire after <paramref name="dueTime"/>, at
    /// creation or by <see cref="ITimer.Change"/>: the engine's stream limits are one timer per attempt, re-armed per phase.
    /// </summary>
    public Task WaitForArmedAsync(TimeSpan dueTime, int count = 1) => WaitForArmedAsync(d => d == dueTime, count);

    /// <summary>
    /// Completes once timers have been armed <paramref name="count"/> times with a due time that <paramref name="matches"/>:
    /// for waits whose exact length the test does not fix (a jittered backoff).
    /// </summary>
    public Task WaitForArmedAsync(Func<TimeSpan, bool> matches, int count = 1) => WaitUntilAsync(() => _armed.Count(matches) >= count);

    private void Record(TimeSpan dueTime, bool created)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (created)
            {
                _created.Add(dueTime);
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _armed.Add(dueTime);
            }

            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Waits for <paramref name="reached"/> (read under the lock) to hold; a broken test fails after 30 s instead of hanging.</summary>
    private async Task WaitUntilAsync(Func<bool> reached)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (reached())
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(guard.Token);
        }
    }

    /// <summary>The fake clock's timer, with every arming counted.</summary>
    private sealed class Observed(ObservedTime time, ITimer inner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            time.Record(dueTime, created: false);
            return changed;
        }

        public void Dispose()
        {
            Released();
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Released();
            return inner.DisposeAsync();
        }

        private void Released()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref time._live);
            }
        }
    }
}
