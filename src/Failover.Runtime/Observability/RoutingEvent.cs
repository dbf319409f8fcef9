using System;

namespace Failover;

/// <summary>What a routing event reports on.</summary>
public enum RoutingEventKind
{
    /// <summary>One attempt of one model finished, well or badly.</summary>
    Attempt,

    /// <summary>A model was passed over without a call (unhealthy, disabled, or unable to take the request).</summary>
    Skipped,

    /// <summary>The route call finished: served, degraded or failed.</summary>
    Completed,
}

/// <summary>The final outcome of a route call.</summary>
public enum RouteOutcome
{
    /// <summary>Not final yet (attempt events).</summary>
    Pending = 0,

    /// <summary>The primary served the call.</summary>
    Served,

    /// <summary>A fallback served the call.</summary>
    ServedByFallback,

    /// <summary>Every model failed and the route's degradation answered.</summary>
    Degraded,

    /// <summary>The route failed.</summary>
    Failed,

    /// <summary>The caller cancelled.</summary>
    Cancelled,
}

/// <summary>One routing fact: an attempt, a skipped model, or a finished route call. Never carries prompts, completions or keys.</summary>
public sealed class RoutingEvent
{
    /// <summary>What the event reports on.</summary>
    public required RoutingEventKind Kind { get; init; }

    /// <summary>The route; its <see cref="RouteDescriptor.Name"/>, <see cref="RouteDescriptor.Interface"/> and <see cref="RouteDescriptor.Method"/> name the call.</summary>
    public required RouteDescriptor Route { get; init; }

    /// <summary>The attempt number (1-based); 0 on completion events.</summary>
    public int AttemptNumber { get; init; }

    /// <summary>The model of the attempt, or the serving model on completion events.</summary>
    public ModelTarget? Model { get; init; }

    /// <summary>The provider of <see cref="Model"/>: the part of its id before the slash.</summary>
    public string? Provider => Model?.Provider;

    /// <summary>The attempt's or the whole call's latency.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Time to the first streamed chunk, for streams.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    /// <summary>Input tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Cost in US dollars, when prices were known. A failed attempt that got no answer is never billed.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The failure, or <see cref="FailureKind.None"/>.</summary>
    public FailureKind Failure { get; init; }

    /// <summary>The HTTP status of the failure.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The provider's error code.</summary>
    public string? ProviderErrorCode { get; init; }

    /// <summary>Why the model was skipped or why the route moved on.</summary>
    public string? Reason { get; init; }

    /// <summary>Whether the call went past the primary.</summary>
    public bool FallbackTaken { get; init; }

    /// <summary>Whether the attempt was a hedge (a second request sent while the first was still running), or a hedge served the call.</summary>
    public bool Hedged { get; init; }

    /// <summary>Whether the attempt went to a canary model, or a canary served the call.</summary>
    public bool Canary { get; init; }

    /// <summary>Whether the route's degradation answered instead of a model (completion events).</summary>
    public bool Degraded { get; init; }

    /// <summary>
    /// Streams: the largest count of malformed events the provider skipped in this attempt (reported by the client in
    /// <see cref="StreamSignals.SkippedEvents"/>); 0 when none were.
    /// </summary>
    public int SkippedEvents { get; init; }

    /// <summary>
    /// Whether the attempt's failure was injected by a game day (<c>Failover:Chaos</c>), not caused by the provider:
    /// dashboards filter on it so that a drill is never mistaken for an outage.
    /// </summary>
    public bool Injected { get; init; }

    /// <summary>The final outcome (completion events only).</summary>
    public RouteOutcome Outcome { get; init; }

    /// <summary>Number of attempts (completion events only).</summary>
    public int AttemptCount { get; init; }
}

/// <summary>Receives every routing event, for dashboards, tests and custom telemetry. Called inline: keep it fast and never throw.</summary>
public interface IRoutingEventSink
{
    /// <summary>Handles one event.</summary>
    void OnEvent(RoutingEvent routingEvent);
}
