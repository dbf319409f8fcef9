using System;

namespace Failover;

/// <summary>Thrown by <see cref="BoundedEventStream"/> when one server-sent event exceeds the configured size.</summary>
internal sealed class EventTooLargeException(int limit)
    : Exception($"a server-sent event exceeded {limit} bytes (HttpProviderOptions.MaxStreamEventBytes)")
{
    public int Limit { get; } = limit;
}
