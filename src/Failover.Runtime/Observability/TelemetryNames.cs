namespace Failover;

/// <summary>Attribute, tag and instrument names, and the low-cardinality values Failover uses for them.</summary>
internal static class TelemetryNames
{
    // OpenTelemetry GenAI semantic conventions.
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";
    public const string Chat = "chat";

    // Failover's own, namespaced.
    public const string Route = "failover.route";
    public const string Attempt = "failover.attempt";
    public const string Attempts = "failover.attempts";
    public const string FallbackReason = "failover.fallback.reason";
    public const string Outcome = "failover.outcome";
    public const string Cost = "failover.cost";
    public const string ChaosInjected = "failover.chaos.injected";
    public const string SkippedEvent = "failover.model_skipped";
    public const string SkippedModel = "failover.skipped.model";
    public const string SkippedReason = "failover.skipped.reason";

    // Span operation names (display names add the route or model).
    public const string RouteSpan = "failover.route";
    public const string AttemptSpan = "chat";

    /// <summary>The <c>error.type</c> value of a failure kind: snake case, stable.</summary>
    public static string ErrorTypeOf(FailureKind kind) => kind switch
    {
        FailureKind.None => "none",
        FailureKind.RateLimited => "rate_limited",
        FailureKind.Overloaded => "overloaded",
        FailureKind.ServerError => "server_error",
        FailureKind.Timeout => "timeout",
        FailureKind.Connection => "connection",
        FailureKind.StreamInterrupted => "stream_interrupted",
        FailureKind.ModelUnavailable => "model_unavailable",
        FailureKind.Auth => "auth",
        FailureKind.QuotaExhausted => "quota_exhausted",
        FailureKind.ContextLengthExceeded => "context_length_exceeded",
        FailureKind.ContentPolicy => "content_policy",
        FailureKind.MalformedRequest => "malformed_request",
        FailureKind.InvalidResponse => "invalid_response",
        FailureKind.Cancelled => "cancelled",
        FailureKind.NoResponse => "no_response",
        _ => "unknown",
    };

    /// <summary>The <c>failover.outcome</c> value of an outcome.</summary>
    public static string OutcomeOf(RouteOutcome outcome) => outcome switch
    {
        RouteOutcome.Served => "served",
        RouteOutcome.ServedByFallback => "served_by_fallback",
        RouteOutcome.Degraded => "degraded",
        RouteOutcome.Failed => "failed",
        RouteOutcome.Cancelled => "cancelled",
        _ => "pending",
    };
}
