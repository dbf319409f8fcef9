using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>Where a route may go after a failure.</summary>
public enum FallbackRule
{
    /// <summary>The route stops and the failure is surfaced.</summary>
    Stop,

    /// <summary>The next model in the chain is tried.</summary>
    AnyModel,

    /// <summary>Only models of another provider are tried (the key or account is the problem).</summary>
    OtherProvider,

    /// <summary>Only models with a larger context window than the failed one are tried.</summary>
    LargerContextOnly,
}

/// <summary>What the engine does after one classified failure.</summary>
/// <param name="RetrySameModel">Whether the same model is tried again (within the route's retry limit).</param>
/// <param name="Fallback">Where the route may go next.</param>
/// <param name="CountsTowardBreaker">Whether the failure says something about the model's health.</param>
/// <param name="ModelIsGone">Whether the model should be skipped for a long cooldown.</param>
public readonly record struct FailureDecision(bool RetrySameModel, FallbackRule Fallback, bool CountsTowardBreaker, bool ModelIsGone);

/// <summary>
/// The failure policy table of the design, in code, once. Every retry and fallback decision the engine
/// makes reads this table.
/// </summary>
public static class FailurePolicy
{
    /// <summary>The default decision for a failure kind.</summary>
    /// <param name="kind">The classified failure.</param>
    /// <param name="fallbackOnContentPolicy">The route opted in to trying other models after a content-policy block.</param>
    public static FailureDecision Decide(FailureKind kind, bool fallbackOnContentPolicy = false) => kind switch
    {
        FailureKind.RateLimited => new(true, FallbackRule.AnyModel, false, false),
        FailureKind.Overloaded or FailureKind.ServerError or FailureKind.Timeout or FailureKind.Connection
            or FailureKind.StreamInterrupted
            => new(true, FallbackRule.AnyModel, true, false),
        FailureKind.ModelUnavailable => new(false, FallbackRule.AnyModel, true, true),
        FailureKind.Auth or FailureKind.QuotaExhausted => new(false, FallbackRule.OtherProvider, false, false),
        FailureKind.ContextLengthExceeded => new(false, FallbackRule.LargerContextOnly, false, false),
        FailureKind.ContentPolicy => new(false, fallbackOnContentPolicy ? FallbackRule.AnyModel : FallbackRule.Stop, false, false),
        FailureKind.MalformedRequest => new(false, FallbackRule.Stop, false, false),
        FailureKind.InvalidResponse => new(false, FallbackRule.AnyModel, false, false),
        FailureKind.Unknown => new(false, FallbackRule.AnyModel, true, false),
        FailureKind.NoResponse => new(false, FallbackRule.AnyModel, true, false),
        _ => new(false, FallbackRule.Stop, false, false),
    };

    /// <summary>
    /// Whether a failure of <paramref name="kind"/> is tried again on the same model under <paramref name="rule"/>: the
    /// table's default (<see cref="FailureDecision.RetrySameModel"/>), with the kinds the rule opts in
    /// (<see cref="RetryRule.RetryOn"/>, <see cref="RetryRule.RetryInvalidResponse"/>) added and those it opts out
    /// (<see cref="RetryRule.NoRetryOn"/>) removed. A caller's cancellation is never retried.
    /// </summary>
    public static bool RetriesSameModel(FailureKind kind, RetryRule rule, bool fallbackOnContentPolicy = false)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (kind is FailureKind.None or FailureKind.Cancelled || Contains(rule.NoRetryOn, kind))
        {
            return false;
        }

        return Decide(kind, fallbackOnContentPolicy).RetrySameModel
            || Contains(rule.RetryOn, kind)
            || (kind == FailureKind.InvalidResponse && rule.RetryInvalidResponse);
    }

    private static bool Contains(IReadOnlyList<FailureKind> kinds, FailureKind kind)
    {
        for (var i = 0; i < kinds.Count; i++)
        {
            if (kinds[i] == kind)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the kind is transient: the only kinds a retry rule retries by default.</summary>
    public static bool IsTransient(FailureKind kind) =>
        kind is FailureKind.RateLimited or FailureKind.Overloaded or FailureKind.ServerError
            or FailureKind.Timeout or FailureKind.Connection or FailureKind.StreamInterrupted;
}
