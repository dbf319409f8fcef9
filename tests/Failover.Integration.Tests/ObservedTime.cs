using Microsoft.Extensions.Time.Testing;

namespace Failover.Integration.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that lets a test wait until a timer with a given due time exists, so the clock
/// is advanced only after the engine (Polly delay or timeout) or the simulator (scripted latency) is waiting on it.
/// Counting timers as they are created is race-free: the count only grows.
/// </summary>
public sealed class ObservedTime : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly Dictionary<TimeSpan, int> _created = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ObservedTime()
        : base(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource changed;
        lock (_gate)
        {
            _created[dueTime] = _created.GetValueOrDefault(dueTime) + 1;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="dueTime"/> have been created.</summary>
    public async Task WaitForTimersAsync(TimeSpan dueTime, int count = 1)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a broken test fails instead of hanging
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_created.GetValueOrDefault(dueTime) >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(guard.Token);
        }
    }
}
