namespace Failover;

/// <summary>The failures a game day injects into a model's calls (<c>Failover:Chaos:Rules:{n}:Fault</c>).</summary>
public enum ChaosFault
{
    /// <summary>HTTP 429 with a retry-after of <see cref="ChaosRule.RetryAfter"/>: the model is rate limited.</summary>
    RateLimited,

    /// <summary>HTTP 503: the provider is unavailable.</summary>
    ServiceUnavailable,

    /// <summary>The model takes the request and says nothing for <see cref="ChaosRule.Latency"/> (default 10 minutes), so the attempt timeout fires.</summary>
    Timeout,

    /// <summary>The answer (or a stream's first chunk) comes <see cref="ChaosRule.Latency"/> late (default 30 seconds).</summary>
    LateFirstToken,

    /// <summary>A stream breaks after <see cref="ChaosRule.AfterChunks"/> chunks. Streams only.</summary>
    StreamCut,

    /// <summary>A stream stops for <see cref="ChaosRule.Latency"/> (default 30 seconds) after <see cref="ChaosRule.AfterChunks"/> chunks, so the stall timeout fires. Streams only.</summary>
    Stall,

    /// <summary>The answer is not valid JSON: a structured route's read fails. Whole responses only.</summary>
    InvalidJson,

    /// <summary>HTTP 400 with a content-filter code: the provider blocked the content.</summary>
    ContentFilter,
}
