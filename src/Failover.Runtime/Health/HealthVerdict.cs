using System;

namespace Failover;

/// <summary>The answer of <see cref="IRouteHealthStore.TryEnter"/>: whether a model may be called now and, if not, until when and why.</summary>
/// <param name="IsAvailable">Whether the model may be called.</param>
/// <param name="Until">When the model's cooldown or break ends, for a model that may not be called.</param>
/// <param name="Reason">Why the model may not be called, for the Skipped routing event.</param>
public readonly record struct HealthVerdict(bool IsAvailable, DateTimeOffset? Until, string? Reason)
{
    /// <summary>The model may be called.</summary>
    public static HealthVerdict Available { get; } = new(true, null, null);

    /// <summary>
    /// Whether the model is skipped because its rate budget (or its provider's) is spent for the current window. Such a
    /// model is never tried as the last resort of a route whose every model was skipped: that would break the budget.
    /// </summary>
    public bool IsBudgetSpent { get; init; }

    /// <summary>The model may not be called until <paramref name="until"/>.</summary>
    public static HealthVerdict Unavailable(DateTimeOffset until, string reason) => new(false, until, reason);

    /// <summary>The model's (or its provider's) rate budget is spent until <paramref name="until"/>, the end of the window.</summary>
    public static HealthVerdict BudgetSpent(DateTimeOffset until, string reason) => new(false, until, reason) { IsBudgetSpent = true };
}
