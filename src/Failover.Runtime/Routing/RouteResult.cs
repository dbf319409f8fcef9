using System.Collections.Generic;

namespace Failover;

/// <summary>A route's answer together with how it was obtained.</summary>
/// <typeparam name="T">The answer's type.</typeparam>
public sealed class RouteResult<T>
{
    /// <summary>Creates a result; the serving model's role is read from the route (the primary, else a fallback).</summary>
    public RouteResult(T value, RouteDescriptor route, ModelTarget? servedBy, IReadOnlyList<RouteAttempt> attempts, bool isDegraded)
        : this(value, route, servedBy, servedBy is null || string.Equals(servedBy.Id, route?.Primary.Id, System.StringComparison.OrdinalIgnoreCase) ? SlotRole.Primary : SlotRole.Fallback, attempts, isDegraded)
    {
    }

    /// <summary>Creates a result with the serving model's role in the plan.</summary>
    public RouteResult(T value, RouteDescriptor route, ModelTarget? servedBy, SlotRole servedRole, IReadOnlyList<RouteAttempt> attempts, bool isDegraded)
    {
        System.ArgumentNullException.ThrowIfNull(route);
        System.ArgumentNullException.ThrowIfNull(attempts);
        ServedRole = servedRole;
        Value = value;
        Route = route;
        ServedBy = servedBy;
        Attempts = attempts;
        IsDegraded = isDegraded;

        long input = 0, output = 0;
        decimal? cost = null;
        // Indexed, not foreach: enumerating an IReadOnlyList boxes its enumerator, an allocation on every call.
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            input += attempt.InputTokens;
            output += attempt.OutputTokens;
            if (attempt.Cost is { } c)
            {
                cost = (cost ?? 0m) + c;
            }
        }

        InputTokens = input;
        OutputTokens = output;
        Cost = cost;
    }

    /// <summary>The answer.</summary>
    public T Value { get; }

    /// <summary>The route that ran.</summary>
    public RouteDescriptor Route { get; }

    /// <summary>The model that served the answer; null when the answer is a degraded fallback value.</summary>
    public ModelTarget? ServedBy { get; }

    /// <summary>Every attempt, in order.</summary>
    public IReadOnlyList<RouteAttempt> Attempts { get; }

    /// <summary>Whether the answer came from the route's degradation instead of a model.</summary>
    public bool IsDegraded { get; }

    /// <summary>The serving model's role in the plan; meaningless when <see cref="ServedBy"/> is null.</summary>
    public SlotRole ServedRole { get; }

    /// <summary>Whether a fallback (or a hedge) served the answer rather than the primary or the canary.</summary>
    public bool IsFallback => ServedBy is not null && ServedRole is SlotRole.Fallback or SlotRole.Hedge;

    /// <summary>Whether a hedge (a backup started while the model before it still ran) served the answer.</summary>
    public bool IsHedged => ServedBy is not null && ServedRole == SlotRole.Hedge;

    /// <summary>Whether the route's canary served the answer.</summary>
    public bool IsCanary => ServedBy is not null && ServedRole == SlotRole.Canary;

    /// <summary>Input tokens over all attempts.</summary>
    public long InputTokens { get; }

    /// <summary>Output tokens over all attempts.</summary>
    public long OutputTokens { get; }

    /// <summary>The cost over all attempts in US dollars, when prices were known.</summary>
    public decimal? Cost { get; }
}
