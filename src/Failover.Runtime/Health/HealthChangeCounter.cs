using System;
using System.Threading;

namespace Failover;

/// <summary>
/// The <see cref="IRouteHealthChanges.Version"/> and <see cref="IRouteHealthChanges.Changed"/> of a store, kept once
/// for stores that share them: the Redis store and the in-memory store that holds its local state count into one.
/// </summary>
internal sealed class HealthChangeCounter
{
    private long _version;

    /// <summary>The store named as the sender of <see cref="Changed"/>.</summary>
    public object? Sender { get; set; }

    public long Version => Volatile.Read(ref _version);

    public event EventHandler? Changed;

    /// <summary>
    /// Notes a change, after the state itself changed: a reader that saw the old version before reading the new state
    /// remembers it under the old version, which this makes stale.
    /// </summary>
    public void Note()
    {
        Interlocked.Increment(ref _version);
        var changed = Changed;
        if (changed is null)
        {
            return;
        }

        foreach (var handler in changed.GetInvocationList())
        {
            try
            {
                ((EventHandler)handler)(Sender, EventArgs.Empty);
            }
            catch (Exception)
            {
                // An observer's failure must not break the request or the Redis event that made the change.
            }
        }
    }
}
