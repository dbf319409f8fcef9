namespace Failover;

/// <summary>
/// A rate budget of one model or provider, counted in fixed one-minute windows: once a window's requests or tokens
/// reach the limit, the engine skips the model (a Skipped routing event names the budget) until the window ends,
/// instead of sending requests that would come back as 429s.
/// </summary>
public sealed class RateBudget
{
    /// <summary>Requests that may start per minute; null or 0 for no limit.</summary>
    /// <value>The default is <see langword="null"/>: no limit.</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// Input plus output tokens that may be used per minute; null or 0 for no limit. Tokens are known only after an
    /// answer, so the last request of a window may go over; the next request of that window is then skipped.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no limit.</value>
    public long? TokensPerMinute { get; set; }

    /// <summary>Whether the budget limits anything.</summary>
    public bool IsLimited => RequestsPerMinute > 0 || TokensPerMinute > 0;
}
