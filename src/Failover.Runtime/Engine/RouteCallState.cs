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
    private List<RouteAttempt>? _attempts;
    private WalkDetail? _walk;
    private ModelSlot? _earliestUnhealthy;
    private long _earliestUntilTicks;

    private const string DefaultReason = "every model in the chain failed.";

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
    public IList<ChatMessage>? PrefillMessages { get => _walk?.PrefillMessages; set => Walk.PrefillMessages = value; }

    /// <summary>The attempts so far, created on first use: a call whose one success nobody reads never needs the list.</summary>
    public List<RouteAttempt> Attempts => _attempts ?? CreateAttempts();

    /// <summary>Whether any attempt was recorded yet.</summary>
    public bool HasAttempts => Volatile.Read(ref _attempts) is { Count: > 0 };

    /// <summary>
    /// Whether the caller reads the <see cref="RouteResult{T}"/> (attempts, tokens, cost). The value-only entry points
    /// (what generated clients call) do not: when nobody observes the call either, the engine builds no result and no
    /// record of the successful attempt.
    /// </summary>
    public bool WantsResult { get; init; } = true;

    /// <summary>
    /// Whether anyone reads routing events (a user sink, logs, metrics), asked once when the call starts: what the
    /// value-only path may skip is decided once per call, and a listener attached meanwhile sees the next call whole.
    /// Streams and the result entry points do not depend on it.
    /// </summary>
    public bool Observed { get; set; } = true;

    /// <summary>The route span, while the call runs; null when nobody listens.</summary>
    public Activity? Activity { get; set; }

    public string? CanaryKey { get; init; }

    /// <summary>When the call started, on the engine's clock.</summary>
    public long Started { get; set; }

    /// <summary>
    /// Whether the walk has not handed out a slot yet. Until then nothing has waited since <see cref="Started"/> (only the
    /// plan lookup and the skips ran), so the call's start serves as "now" for remembered skips: no clock read.
    /// </summary>
    public bool AtStart { get; set; } = true;

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

    public List<string>? ExcludedProviders { get => _walk?.ExcludedProviders; set => Walk.ExcludedProviders = value; }

    public int MinContextWindow { get => _walk?.MinContextWindow ?? 0; set => Walk.MinContextWindow = value; }

    public string Reason { get => _walk?.Reason ?? DefaultReason; set => Walk.Reason = value; }

    public Exception? LastError { get => _walk?.LastError; set => Walk.LastError = value; }

    /// <summary>Whether a deterministic failure (malformed request, content policy) stopped the route: no degradation, no last resort.</summary>
    public bool StoppedByPolicy { get => _walk?.StoppedByPolicy ?? false; set => Walk.StoppedByPolicy = value; }

    /// <summary>Whether the walk stopped because the caller cancelled.</summary>
    public bool CallerCancelled { get => _walk?.CallerCancelled ?? false; set => Walk.CallerCancelled = value; }

    /// <summary>The prompt's estimated token count, computed once when a route estimates context.</summary>
    public int? EstimatedTokens { get => _walk?.EstimatedTokens; set => Walk.EstimatedTokens = value; }

    /// <summary>Of the models passed over because their breaker or cooldown was open, the one whose wait ends first: the last resort.</summary>
    public ModelSlot? EarliestUnhealthy => _earliestUnhealthy;

    /// <summary>
    /// Notes a model passed over as unhealthy until <paramref name="until"/>; keeps the one whose wait ends first (the
    /// first of equals). Kept in the state itself, so skipping a dead primary allocates nothing.
    /// </summary>
    public void PassOverUnhealthy(ModelSlot slot, DateTimeOffset until)
    {
        if (_earliestUnhealthy is null || until.UtcTicks < _earliestUntilTicks)
        {
            _earliestUnhealthy = slot;
            _earliestUntilTicks = until.UtcTicks;
        }
    }

    /// <summary>Whether the "everything is unhealthy" last resort was already used.</summary>
    public bool LastResortUsed { get => _walk?.LastResortUsed ?? false; set => Walk.LastResortUsed = value; }

    // What only a walk that met trouble (a failure, a skip, a stream recovery) needs, kept apart so that a call that
    // succeeds at once allocates a smaller state. Created once even when hedged attempts race.
    private WalkDetail Walk
    {
        get
        {
            if (_walk is { } walk)
            {
                return walk;
            }

            Interlocked.CompareExchange(ref _walk, new WalkDetail(), null);
            return _walk;
        }
    }

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

    /// <summary>Whether the route's total timeout had elapsed at <paramref name="now"/> (a timestamp already read), and the caller did not cancel.</summary>
    public bool DeadlinePassed(long now) => Deadline != 0 && now >= Deadline && !CallerToken.IsCancellationRequested;

    /// <summary>A limit of the next phase starting at <paramref name="now"/>, cut to what is left of the route's budget then (at least one tick).</summary>
    public TimeSpan AttemptBudget(TimeProvider time, long now, TimeSpan limit)
    {
        if (Deadline == 0)
        {
            return limit;
        }

        var left = time.GetElapsedTime(now, Deadline);
        return left <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : left < limit ? left : limit;
    }

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

    // Under a hedge two attempts may record at once: the list is created once.
    private List<RouteAttempt> CreateAttempts()
    {
        Interlocked.CompareExchange(ref _attempts, new List<RouteAttempt>(2), null);
        return _attempts;
    }

    /// <summary>Reads a response with the caller's reader; the value comes back boxed (as the attempt outcome holds it).</summary>
    public abstract object? ReadValue(ChatResponse response);

    private sealed class WalkDetail
    {
        public IList<ChatMessage>? PrefillMessages;
        public List<string>? ExcludedProviders;
        public int MinContextWindow;
        public string Reason = DefaultReason;
        public Exception? LastError;
        public bool StoppedByPolicy;
        public bool CallerCancelled;
        public bool LastResortUsed;
        public int? EstimatedTokens;
    }
}
