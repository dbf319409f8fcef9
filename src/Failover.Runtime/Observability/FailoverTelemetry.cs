namespace Failover;

/// <summary>
/// The names Failover's telemetry is published under: pass them to OpenTelemetry
/// (<c>AddSource(FailoverTelemetry.ActivitySourceName)</c>, <c>AddMeter(FailoverTelemetry.MeterName)</c>) or to log filters.
/// See docs/observability.md for every metric, span and log event.
/// </summary>
public static class FailoverTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that traces route calls and attempts.</summary>
    public const string ActivitySourceName = "Failover";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that carries Failover's metrics.</summary>
    public const string MeterName = "Failover";

    /// <summary>The <see cref="Microsoft.Extensions.Logging.ILogger"/> category of routing logs.</summary>
    public const string LogCategory = "Failover.Routing";
}

/// <summary>
/// The stable event ids of Failover's logs: 1001-1102 routing (category <see cref="FailoverTelemetry.LogCategory"/>),
/// 12xx configuration, 13xx providers. Every id is unique across categories and never changes meaning.
/// </summary>
public static class FailoverLogEvents
{
    /// <summary>An attempt failed (Warning). Carries route, attempt number, model, failure kind, HTTP status, provider error code and latency.</summary>
    public const int AttemptFailed = 1001;

    /// <summary>The route moved on to another model (Information).</summary>
    public const int FallbackTaken = 1002;

    /// <summary>A model was passed over without a call (Information).</summary>
    public const int ModelSkipped = 1003;

    /// <summary>The primary served the call (Debug).</summary>
    public const int RouteServed = 1004;

    /// <summary>A fallback served the call (Information).</summary>
    public const int RouteServedByFallback = 1005;

    /// <summary>Every model failed and the route's degradation answered (Warning).</summary>
    public const int RouteDegraded = 1006;

    /// <summary>The route failed: every option was exhausted or a failure stopped it (Error).</summary>
    public const int RouteExhausted = 1007;

    /// <summary>The caller cancelled the route call (Debug).</summary>
    public const int RouteCancelled = 1008;

    /// <summary>An attempt failed because a game day injected the failure (<c>Failover:Chaos</c>), not because of the provider (Warning).</summary>
    public const int AttemptFailedInjected = 1009;

    /// <summary>The prompt of a route call (Debug); only when <see cref="FailoverOptions.LogContent"/> is on.</summary>
    public const int PromptContent = 1101;

    /// <summary>The completion of a successful attempt (Debug); only when <see cref="FailoverOptions.LogContent"/> is on.</summary>
    public const int CompletionContent = 1102;

    /// <summary>
    /// The prompt a model with its own variant (<c>[Prompt(..., For = ...)]</c>, <c>[SystemPrompt(..., For = ...)]</c>) was sent,
    /// logged when the route first moves to that model (Debug); only when <see cref="FailoverOptions.LogContent"/> is on.
    /// </summary>
    public const int PromptVariantContent = 1103;

    /// <summary>A configuration change was rejected; the last good configuration stays in force whole (Error, category <c>Failover.Configuration</c>).</summary>
    public const int ConfigurationRejected = 1201;

    /// <summary>A configuration change was validated and applied (Information, category <c>Failover.Configuration</c>).</summary>
    public const int ConfigurationApplied = 1202;

    /// <summary>A resilience handler inherited from <c>ConfigureHttpClientDefaults</c> was removed from a built-in provider's HttpClient (Information, category <c>Failover.Providers</c>).</summary>
    public const int InheritedResilienceRemoved = 1301;

    /// <summary>A provider client is itself wrapped with <c>UseOpenTelemetry</c>, so each attempt has two GenAI spans (Warning, category <c>Failover.Providers</c>).</summary>
    public const int DuplicateGenAITelemetry = 1302;
}
