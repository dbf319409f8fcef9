using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>
/// Where one route call is in its chain: the next slot to consider, the providers and context sizes ruled out by
/// earlier failures, the models skipped as unhealthy and why the route stops. One per call; not shared.
/// </summary>
internal sealed class ChainWalk
{
    private readonly IReadOnlyList<ModelSlot> _slots;
    private int _next;

    public ChainWalk(IReadOnlyList<ModelSlot> slots) => _slots = slots;

    public List<string>? ExcludedProviders { get; set; }

    public int MinContextWindow { get; set; }

    public string Reason { get; set; } = "every model in the chain failed.";

    public Exception? LastError { get; set; }

    /// <summary>Whether a deterministic failure (malformed request, content policy) stopped the route: no degradation, no last resort.</summary>
    public bool StoppedByPolicy { get; set; }

    /// <summary>The prompt's estimated token count, computed once when a route estimates context.</summary>
    public int? EstimatedTokens { get; set; }

    /// <summary>Models passed over because their breaker or cooldown was open, with when it ends.</summary>
    public List<(ModelSlot Slot, DateTimeOffset Until)>? Unhealthy { get; set; }

    /// <summary>Whether the "everything is unhealthy" last resort was already used.</summary>
    public bool LastResortUsed { get; set; }

    public bool TryTake(out ModelSlot slot)
    {
        if (_next < _slots.Count)
        {
            slot = _slots[_next++];
            return true;
        }

        slot = null!;
        return false;
    }
}
