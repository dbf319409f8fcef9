using Microsoft.Extensions.Logging;

namespace Failover;

/// <summary>Source-generated routing logs. Ids are in <see cref="FailoverLogEvents"/> and docs/observability.md; never prompts or keys unless content logging is on.</summary>
internal static partial class FailoverLog
{
    [LoggerMessage(EventId = FailoverLogEvents.AttemptFailed, EventName = "AttemptFailed", Level = LogLevel.Warning,
        Message = "Route {Route} attempt {Attempt} on {Model} failed: {FailureKind} (status {StatusCode}, provider code {ProviderErrorCode}) after {LatencyMs} ms")]
    public static partial void AttemptFailed(ILogger logger, string route, int attempt, string model, FailureKind failureKind, int? statusCode, string providerErrorCode, double latencyMs);

    [LoggerMessage(EventId = FailoverLogEvents.AttemptFailedInjected, EventName = "AttemptFailedInjected", Level = LogLevel.Warning,
        Message = "Route {Route} attempt {Attempt} on {Model} failed: {FailureKind} INJECTED by Failover:Chaos (game day, not an outage) after {LatencyMs} ms")]
    public static partial void AttemptFailedInjected(ILogger logger, string route, int attempt, string model, FailureKind failureKind, double latencyMs);

    [LoggerMessage(EventId = FailoverLogEvents.FallbackTaken, EventName = "FallbackTaken", Level = LogLevel.Information,
        Message = "Route {Route} falls back from {FromModel} to {Model} after {FailureKind}")]
    public static partial void FallbackTaken(ILogger logger, string route, string fromModel, string model, FailureKind failureKind);

    [LoggerMessage(EventId = FailoverLogEvents.ModelSkipped, EventName = "ModelSkipped", Level = LogLevel.Information,
        Message = "Route {Route} skipped {Model}: {Reason}")]
    public static partial void ModelSkipped(ILogger logger, string route, string model, string? reason);

    [LoggerMessage(EventId = FailoverLogEvents.RouteServed, EventName = "RouteServed", Level = LogLevel.Debug,
        Message = "Route {Route} served by {Model} in {LatencyMs} ms after {AttemptCount} attempt(s); tokens {InputTokens} in, {OutputTokens} out; cost {Cost} USD")]
    public static partial void RouteServed(ILogger logger, string route, string? model, double latencyMs, int attemptCount, long inputTokens, long outputTokens, decimal? cost);

    [LoggerMessage(EventId = FailoverLogEvents.RouteServedByFallback, EventName = "RouteServedByFallback", Level = LogLevel.Information,
        Message = "Route {Route} served by fallback {Model} in {LatencyMs} ms after {AttemptCount} attempt(s); tokens {InputTokens} in, {OutputTokens} out; cost {Cost} USD")]
    public static partial void RouteServedByFallback(ILogger logger, string route, string? model, double latencyMs, int attemptCount, long inputTokens, long outputTokens, decimal? cost);

    [LoggerMessage(EventId = FailoverLogEvents.RouteDegraded, EventName = "RouteDegraded", Level = LogLevel.Warning,
        Message = "Route {Route} degraded after {AttemptCount} attempt(s): the route's degradation answered; last failure {FailureKind}")]
    public static partial void RouteDegraded(ILogger logger, string route, int attemptCount, FailureKind failureKind);

    [LoggerMessage(EventId = FailoverLogEvents.RouteExhausted, EventName = "RouteExhausted", Level = LogLevel.Error,
        Message = "Route {Route} failed after {AttemptCount} attempt(s) in {LatencyMs} ms; last failure {FailureKind}")]
    public static partial void RouteExhausted(ILogger logger, string route, int attemptCount, double latencyMs, FailureKind failureKind);

    [LoggerMessage(EventId = FailoverLogEvents.RouteCancelled, EventName = "RouteCancelled", Level = LogLevel.Debug,
        Message = "Route {Route} cancelled by the caller after {AttemptCount} attempt(s)")]
    public static partial void RouteCancelled(ILogger logger, string route, int attemptCount);

    [LoggerMessage(EventId = FailoverLogEvents.PromptContent, EventName = "PromptContent", Level = LogLevel.Debug,
        Message = "Route {Route} prompt:\n{Prompt}")]
    public static partial void PromptContent(ILogger logger, string route, string prompt);

    [LoggerMessage(EventId = FailoverLogEvents.PromptVariantContent, EventName = "PromptVariantContent", Level = LogLevel.Debug,
        Message = "Route {Route} prompt for {Model} (its variant For = \"{Variant}\"):\n{Prompt}")]
    public static partial void PromptVariantContent(ILogger logger, string route, string model, string variant, string prompt);

    [LoggerMessage(EventId = FailoverLogEvents.CompletionContent, EventName = "CompletionContent", Level = LogLevel.Debug,
        Message = "Route {Route} attempt {Attempt} completion from {Model}:\n{Completion}")]
    public static partial void CompletionContent(ILogger logger, string route, int attempt, string model, string completion);
}
