using System;
using System.Globalization;

namespace Failover.Redis;

/// <summary>
/// What Redis last said about one subject (a model or a provider): its cooldown, its breaker and its failure count.
/// Immutable, swapped whole, so the request path reads it without a lock.
/// </summary>
internal sealed class SharedHealth
{
    public static SharedHealth Empty { get; } = new(0, string.Empty, 0, string.Empty, 0);

    private SharedHealth(long cooldownUntil, string cooldownReason, long breakerUntil, string breakerReason, long failures)
    {
        CooldownUntil = cooldownUntil;
        CooldownReason = cooldownReason;
        BreakerUntil = breakerUntil;
        BreakerReason = breakerReason;
        Failures = failures;
    }

    /// <summary>Unix milliseconds; 0 for none.</summary>
    public long CooldownUntil { get; }

    public string CooldownReason { get; }

    /// <summary>Unix milliseconds; 0 for none.</summary>
    public long BreakerUntil { get; }

    public string BreakerReason { get; }

    public long Failures { get; }

    /// <summary>Whether a success should be shared: Redis counts failures or an open breaker for the subject.</summary>
    public bool HasBreakerState => Failures > 0 || BreakerUntil > 0;

    /// <summary>The deadline that blocks requests at <paramref name="now"/> and its reason, or 0 when none does.</summary>
    public long BlockedUntil(long now, out string reason)
    {
        var until = Math.Max(CooldownUntil, BreakerUntil);
        reason = until == CooldownUntil ? CooldownReason : BreakerReason;
        return until > now ? until : 0;
    }

    /// <summary>
    /// The state after an announcement from Redis: the cooldown keeps the later deadline (a later, longer cooldown wins,
    /// even when announcements arrive out of order); breaker and failures are taken as announced (a success clears them).
    /// </summary>
    public SharedHealth Merge(SharedHealth announced)
    {
        var keepCooldown = CooldownUntil > announced.CooldownUntil;
        var merged = new SharedHealth(
            keepCooldown ? CooldownUntil : announced.CooldownUntil,
            keepCooldown ? CooldownReason : announced.CooldownReason,
            announced.BreakerUntil,
            announced.BreakerReason,
            announced.Failures);
        return merged.CooldownUntil == 0 && !merged.HasBreakerState ? Empty : merged;
    }

    /// <summary>Whether <paramref name="other"/> says the same: replacing one with the other changes no answer.</summary>
    public bool SameAs(SharedHealth other) =>
        ReferenceEquals(this, other) || (CooldownUntil == other.CooldownUntil && BreakerUntil == other.BreakerUntil && Failures == other.Failures
            && string.Equals(CooldownReason, other.CooldownReason, StringComparison.Ordinal) && string.Equals(BreakerReason, other.BreakerReason, StringComparison.Ordinal));

    /// <summary>The state without its breaker, as after a success on this instance (before Redis confirms it).</summary>
    public SharedHealth WithoutBreaker() =>
        CooldownUntil == 0 ? Empty : new SharedHealth(CooldownUntil, CooldownReason, 0, string.Empty, 0);

    /// <summary>Reads a state announcement (<c>subject \n cu \n cr \n bu \n br \n f</c>); false when it is not one.</summary>
    public static bool TryParse(string? text, out string subject, out SharedHealth state)
    {
        subject = string.Empty;
        state = Empty;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('\n');
        if (parts.Length != 6 || parts[0].Length < 3 || parts[0][1] != ':' || (parts[0][0] != 'm' && parts[0][0] != 'p'))
        {
            return false;
        }

        if (!TryNumber(parts[1], out var cu) || !TryNumber(parts[3], out var bu) || !TryNumber(parts[5], out var f))
        {
            return false;
        }

        subject = parts[0];
        state = cu == 0 && bu == 0 && f == 0 ? Empty : new SharedHealth(cu, parts[2], bu, parts[4], f);
        return true;
    }

    /// <summary>Reads the fields of a health hash (cu, cr, bu, br, f); false when a number is not one.</summary>
    public static bool TryRead(string? cu, string? cr, string? bu, string? br, string? f, out SharedHealth state)
    {
        state = Empty;
        if (!TryNumber(cu, out var cooldown) || !TryNumber(bu, out var breaker) || !TryNumber(f, out var failures))
        {
            return false;
        }

        state = cooldown == 0 && breaker == 0 && failures == 0 ? Empty : new SharedHealth(cooldown, cr ?? string.Empty, breaker, br ?? string.Empty, failures);
        return true;
    }

    private static bool TryNumber(string? text, out long value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = 0;
            return true;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0;
    }
}
