using System;

namespace Failover;

/// <summary>
/// The fixed one-minute windows rate budgets are counted in: window <c>n</c> covers the Unix milliseconds
/// <c>[n * 60000, (n + 1) * 60000)</c>. Every instance computes the same window from its clock, so Redis counters of
/// one window are shared; the reason texts live here so the in-memory and Redis stores say the same thing.
/// </summary>
internal static class RateWindow
{
    public const long LengthMilliseconds = 60_000;

    public static long IndexOf(DateTimeOffset now) => Math.DivRem(now.ToUnixTimeMilliseconds(), LengthMilliseconds, out var rest) - (rest < 0 ? 1 : 0);

    public static DateTimeOffset EndOf(long index) => DateTimeOffset.FromUnixTimeMilliseconds((index + 1) * LengthMilliseconds);

    /// <summary>The Skipped reason of a spent budget; <paramref name="subject"/> is <c>model</c> or <c>provider</c>.</summary>
    public static string Reason(string subject, string name, string what, long limit, DateTimeOffset until) =>
        $"{subject} '{name}' has spent its budget of {limit} {what} per minute (Failover:Budgets:{(subject == "model" ? "Models" : "Providers")}:{name}:{(what == "requests" ? "RequestsPerMinute" : "TokensPerMinute")}) until {until:O}";
}
