namespace Failover;

/// <summary>
/// Remembers how each model and provider has been doing, so that the engine can skip a model that is known to be
/// down without paying for a failed attempt. The engine asks <see cref="TryEnter"/> before each model and reports
/// every attempt's outcome. <see cref="TryEnter"/> also enforces rate budgets: a model whose budget is spent gets a
/// verdict with <see cref="HealthVerdict.IsBudgetSpent"/>, and an available verdict counts one request against the
/// budget. Implementations must be thread-safe; the default is <see cref="InMemoryRouteHealthStore"/>.
/// </summary>
public interface IRouteHealthStore
{
    /// <summary>
    /// Asks whether <paramref name="model"/> may be called now. When a breaker's break has ended, exactly one caller is
    /// let through as the half-open trial; the others are told to skip until the trial reports back.
    /// </summary>
    HealthVerdict TryEnter(ModelTarget model);

    /// <summary>Reports a successful attempt: closes the model's and its provider's breakers.</summary>
    void OnSuccess(ModelTarget model);

    /// <summary>Reports a failed attempt. Caller cancellation is never reported.</summary>
    void OnFailure(ModelTarget model, ClassifiedFailure failure);

    /// <summary>
    /// Releases a half-open trial that ended without a verdict (the caller cancelled, or the attempt lost a hedge race),
    /// so the next request may try instead.
    /// </summary>
    void Release(ModelTarget model);

    /// <summary>
    /// Reports the tokens an attempt used, for stores that enforce tokens-per-minute budgets
    /// (<see cref="FailoverOptions.Budgets"/>). The default does nothing.
    /// </summary>
    void OnUsage(ModelTarget model, long inputTokens, long outputTokens)
    {
    }
}
