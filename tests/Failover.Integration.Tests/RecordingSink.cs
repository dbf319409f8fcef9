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

    public void OnEvent(RoutingEvent routingEvent)
    {
        lock (_events)
        {
            _events.Add(routingEvent);
        }
    }
}
