using System;

namespace Failover;

/// <summary>
/// What one failed attempt does to health, decided once from the failure policy and the health settings: a cooldown
/// of the model or of its provider, or a failure counted toward both breakers, or nothing. The in-memory store applies
/// it locally; the Redis store applies it locally and shares it.
/// </summary>
/// <param name="ModelCooldownUntil">The model is skipped until then (gone, or rate limited for its retry-after).</param>
/// <param name="ProviderCooldownUntil">The provider is skipped until then (key rejected or quota spent).</param>
/// <param name="Reason">The reason of the cooldown, without the subject (for example "is rate limited and cools down ...").</param>
/// <param name="CountsTowardBreaker">The failure counts toward the model's and the provider's breakers.</param>
internal readonly record struct HealthChange(DateTimeOffset? ModelCooldownUntil, DateTimeOffset? ProviderCooldownUntil, string? Reason, bool CountsTowardBreaker)
{
    public const string BreakerOpenReason = "has its circuit open after {0} consecutive failures";

    public static HealthChange Of(ClassifiedFailure failure, FailoverHealthOptions options, DateTimeOffset now)
    {
        var decision = FailurePolicy.Decide(failure.Kind);
        if (decision.ModelIsGone)
        {
            return new(now + options.GoneCooldown, null, "answered that it is gone (" + failure.Kind + (failure.StatusCode is { } s ? $", HTTP {s}" : string.Empty) + ") and cools down", false);
        }

        if (failure.Kind == FailureKind.RateLimited)
        {
            var wait = failure.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : options.RateLimitCooldown;
            if (wait > options.GoneCooldown)
            {
                wait = options.GoneCooldown;
            }

            return new(now + wait, null, "is rate limited and cools down for its retry-after", false);
        }

        if (failure.Kind is FailureKind.Auth or FailureKind.QuotaExhausted)
        {
            return new(null, now + options.AuthCooldown, $"rejected the key or ran out of quota ({failure.Kind}) and is skipped", false);
        }

        return new(null, null, null, decision.CountsTowardBreaker);
    }
}
