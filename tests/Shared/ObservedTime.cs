using Microsoft.Extensions.Time.Testing;

namespace Failover.TestSupport;

/// <summary>
/// Shared by the test projects (linked as source): a <see cref="FakeTimeProvider"/> that lets a test wait until a timer with a given due time exists or has been armed,
/// so the clock is advanced only after the engine (Polly delay, timeout, stream limit) or the simulator (scripted
/// latency) is waiting on it. Advancing earlier is a hang: the fake clock has moved past a timer that did not exist yet.
/// Counting is race-free: the counts only grow.
/// </summary>
public sealed class ObservedTime : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly Dictionary<TimeSpan, int> _created = [];
    private readonly Dictionary<TimeSpan, int> _armed = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ObservedTime()
        : base(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Observed(this, base.CreateTimer(callback, state, dueTime, period));
        Count(_created, dueTime);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Count(_armed, dueTime);
        }

        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="dueTime"/> have been created.</summary>
    public Task WaitForTimersAsync(TimeSpan dueTime, int count = 1) => WaitAsync(_created, dueTime, count);

    /// <summary>
    /// Completes once timers have been set <paramref name="count"/> times to fire after <paramref name="dueTime"/>, at
    /// creation or by <see cref="ITimer.Change"/>: the engine's stream limits are one timer per attempt, re-armed per phase.
    /// </summary>
    public Task WaitForArmedAsync(TimeSpan dueTime, int count = 1) => WaitAsync(_armed, dueTime, count);

    private void Count(Dictionary<TimeSpan, int> counts, TimeSpan dueTime)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            counts[dueTime] = counts.GetValueOrDefault(dueTime) + 1;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private async Task WaitAsync(Dictionary<TimeSpan, int> counts, TimeSpan dueTime, int count)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a broken test fails instead of hanging
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (counts.GetValueOrDefault(dueTime) >= count)
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
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                time.Count(time._armed, dueTime);
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
