using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The one state object of a route call, plain, hedged or streamed: the plan, the request, where the walk is in the
/// chain (the next slot, what earlier failures ruled out, why it stops), the attempts so far, the caller's token and
/// the deadline. The engine's per-attempt code (slot choice, the Polly callback, bookkeeping, telemetry) takes this
/// base and is not generic: generic methods over a reference type run as shared code that looks up its type
/// arguments at run time, which the hot path should not pay for. It also travels in the Polly context as a reference,
/// so an attempt pays for no boxing.
/// </summary>
internal abstract class RouteCallState
{
    private IReadOnlyList<ModelSlot> _order;
    private int _next;

    protected RouteCallState(RoutePlan plan, IList<ChatMessage> messages, CancellationToken callerToken)
    {
        Plan = plan;
        Messages = messages;
        CallerToken = callerToken;
        AttemptToken = callerToken;
        _order = plan.Slots;
    }

    /// <summary>The failure reported for an attempt the deadline prevented.</summary>
    public static ClassifiedFailure DeadlineFailure { get; } = new(FailureKind.Timeout, null, null, null, "The route's total timeout elapsed.");

    public RoutePlan Plan { get; }

    public IList<ChatMessage> Messages { get; }

    public CancellationToken CallerToken { get; }

    /// <summary>The token attempts run under: the caller's for plain calls, the stream's lifetime (caller and total timeout) for streams.</summary>
    public CancellationToken AttemptToken { get; set; }

    /// <summary>Whether the call is a stream: attempts open a stream up to its first content instead of reading a whole answer.</summary>
    public bool IsStream { get; init; }

    /// <summary>Streams with <see cref="StreamRecovery.Continue"/>: the request plus the partial answer as an assistant prefill, for models that accept one.</summary>
    public IList<ChatMessage>? PrefillMessages { get; set; }

    public List<RouteAttempt> Attempts { get; } = new(2);

    /// <summary>The route span, while the call runs; null when nobody listens.</summary>
    public Activity? Activity { get; set; }

    public string? CanaryKey { get; init; }

    /// <summary>When the call started, on the engine's clock.</summary>
    public long Started { get; set; }

    /// <summary>The caller's per-call options (temperature, tools ...); null for the route's own. See <see cref="CallOptions"/>.</summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>What one attempt on <paramref name="slot"/> sends: the slot's options, or the caller's merged over them.</summary>
    public ChatOptions OptionsFor(ModelSlot slot) => CallOptions.Merge(ChatOptions, slot.Options);

    /// <summary>
    /// What one attempt on <paramref name="slot"/> sends: the messages of its model's prompt variant when the route has
    /// one for it (<see cref="PromptMessages"/>), else the call's messages. A route without variants pays one comparison.
    /// </summary>
    public IList<ChatMessage> MessagesFor(ModelSlot slot) =>
        slot.PromptVariant >= 0 && Messages is PromptMessages variants ? variants.Variant(slot.PromptVariant) : Messages;

    /// <summary>The timestamp (on the engine's <see cref="TimeProvider"/>) by which the route must be done; 0 for none.</summary>
    public long Deadline { get; set; }

    // Where the walk is in the chain.

    public List<string>? ExcludedProviders { get; set; }

    public int MinContextWindow { get; set; }

    public string Reason { get; set; } = "every model in the chain failed.";

    public Exception? LastError { get; set; }

    /// <summary>Whether a deterministic failure (malformed request, content policy) stopped the route: no degradation, no last resort.</summary>
    public bool StoppedByPolicy { get; set; }

    /// <summary>Whether the walk stopped because the caller cancelled.</summary>
    public bool CallerCancelled { get; set; }

    /// <summary>The prompt's estimated token count, computed once when a route estimates context.</summary>
    public int? EstimatedTokens { get; set; }

    /// <summary>Models passed over because their breaker or cooldown was open, with when it ends.</summary>
    public List<(ModelSlot Slot, DateTimeOffset Until)>? Unhealthy { get; set; }

    /// <summary>Whether the "everything is unhealthy" last resort was already used.</summary>
    public bool LastResortUsed { get; set; }

    /// <summary>Sets the order of the walk (the canary first when the call is picked for it); before the first slot is taken.</summary>
    public void Order(IReadOnlyList<ModelSlot> order) => _order = order;

    public bool TryTake(out ModelSlot slot)
    {
        if (_next < _order.Count)
        {
            slot = _order[_next++];
            return true;
        }

        slot = null!;
        return false;
    }

    /// <summary>Whether the route's total timeout has elapsed (and the caller did not cancel).</summary>
    public bool DeadlinePassed(TimeProvider time) => Deadline != 0 && time.GetTimestamp() >= Deadline && !CallerToken.IsCancellationRequested;

    /// <summary>What is left of the route's budget (at least one tick), or <see cref="TimeSpan.MaxValue"/> without a total timeout.</summary>
    public TimeSpan Remaining(TimeProvider time)
    {
        if (Deadline == 0)
        {
            return TimeSpan.MaxValue;
        }

        var left = time.GetElapsedTime(time.GetTimestamp(), Deadline);
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }

    /// <summary>A limit of the next phase, cut to what is left of the route's budget.</summary>
    public TimeSpan AttemptBudget(TimeProvider time, TimeSpan limit) =>
        Deadline == 0 ? limit : Remaining(time) is var left && left < limit ? left : limit;

    /// <summary>Reads a response with the caller's reader; the value comes back boxed (as the attempt outcome holds it).</summary>
    public abstract object? ReadValue(ChatResponse response);
}
