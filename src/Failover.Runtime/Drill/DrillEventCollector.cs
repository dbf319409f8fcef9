using System.Collections.Generic;

namespace Failover;

/// <summary>Keeps the routing events of one probe; the drill builds one engine per probe, so every event belongs to it.</summary>
internal sealed class DrillEventCollector : IRoutingEventSink
{
    private readonly List<RoutingEvent> _events = new();

    public IReadOnlyList<RoutingEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
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
