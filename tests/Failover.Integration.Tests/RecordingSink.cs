namespace Failover.Integration.Tests;

/// <summary>Keeps every routing event, in order.</summary>
public sealed class RecordingSink : IRoutingEventSink
{
    private readonly List<RoutingEvent> _events = [];

    public IReadOnlyList<RoutingEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnEvent(RoutingEvent routingEvent)
    {
        TaskCompletionSource changed;
        lock (_events)
        {
            _events.Add(routingEvent);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Completes once an event that <paramref name="matches"/> has been recorded (a signal, not a poll); a broken test fails after 30 s.</summary>
    public async Task WaitForAsync(Func<RoutingEvent, bool> matches)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (_events.Exists(e => matches(e)))
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(guard.Token);
        }
    }
}
