namespace Failover;

/// <summary>
/// What went wrong in one attempt, as the failure policy sees it. Every provider error is mapped to
/// exactly one kind by <see cref="FailureClassifier"/>; <see cref="FailurePolicy"/> decides what follows.
/// </summary>
public enum FailureKind
{
    /// <summary>The attempt succeeded.</summary>
    None = 0,

    /// <summary>HTTP 429 or a provider rate-limit error. Retried after the provider's retry-after when short.</summary>
    RateLimited,

    /// <summary>The provider is overloaded (Anthropic 529, HTTP 503). Transient.</summary>
    Overloaded,

    /// <summary>Any other 5xx answer. Transient.</summary>
    ServerError,

    /// <summary>The attempt exceeded its timeout, or the provider answered 408/504. Transient.</summary>
    Timeout,

    /// <summary>The connection was refused, reset or closed early. Transient.</summary>
    Connection,

    /// <summary>The model is gone: 404 model not found, 410, disabled or retired. Never retried; cooled down for long.</summary>
    ModelUnavailable,

    /// <summary>401/403: the key or the account is the problem. Never retried; falls back to another provider.</summary>
    Auth,

    /// <summary>The account's quota or credit is exhausted (OpenAI <c>insufficient_quota</c>). Not transient; falls back.</summary>
    QuotaExhausted,

    /// <summary>The prompt does not fit the model's context window. Falls back only to a model with a larger window.</summary>
    ContextLengthExceeded,

    /// <summary>The provider refused the content. Deterministic: not retried, and not sent elsewhere unless the route opts in.</summary>
    ContentPolicy,

    /// <summary>Any other 400-class rejection of the request. Deterministic: surfaced at once.</summary>
    MalformedRequest,

    /// <summary>The answer could not be used: unparseable, empty, truncated or not matching the requested schema.</summary>
    InvalidResponse,

    /// <summary>
    /// A streamed answer broke: the event stream ended without the provider's finish marker, was cut mid-body or
    /// became unusable. Before the first chunk reached the caller it is transient like <see cref="Connection"/>;
    /// after that the route's stream recovery mode decides.
    /// </summary>
    StreamInterrupted,

    /// <summary>The caller cancelled. The route stops at once.</summary>
    Cancelled,

    /// <summary>An exception no rule recognises, typically a bug in a custom <c>IChatClient</c>. Not retried; falls back.</summary>
    Unknown,

    /// <summary>
    /// The model took the request and sent nothing usable in time: no response headers (or no whole answer) within the
    /// attempt timeout, or headers but no content within the first-token timeout. Not retried on the same model by
    /// default (a silent model is usually still silent a moment later); the route moves on.
    /// </summary>
    NoResponse,
}
