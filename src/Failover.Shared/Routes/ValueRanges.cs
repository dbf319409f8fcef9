using System;
using System.Collections.Generic;
using System.Globalization;

namespace Failover.CodeAnalysis;

/// <summary>
/// The allowed range of every time value and count a route or the configuration sets, in one table read by the
/// attribute parser (FO008 at compile time) and by the runtime's options validator (startup and reload). The
/// bounds are those Polly.Core 8 accepts, so a value that passes here never makes a call throw Polly's
/// <c>ValidationException</c>: <c>TimeoutStrategyOptions.Timeout</c> 10 ms .. 24 h,
/// <c>RetryStrategyOptions.Delay</c>/<c>MaxDelay</c> 0 .. 24 h, <c>HedgingStrategyOptions.Delay</c> up to 24 h.
/// </summary>
/// <remarks>This file is compiled into the generator, the analyzers and the runtime (linked), so it stays netstandard2.0 C#.</remarks>
internal static class ValueRanges
{
    /// <summary>24 hours in milliseconds: Polly's upper bound for timeouts and delays.</summary>
    public const long DayMs = 86_400_000;

    /// <summary>A per-attempt, total, first-token or stall timeout (Polly <c>TimeoutStrategyOptions.Timeout</c>).</summary>
    public static readonly ValueRange Timeout = new("a timeout", 10, DayMs, ValueUnit.Milliseconds);

    /// <summary>A retry delay (Polly <c>RetryStrategyOptions.Delay</c> and <c>MaxDelay</c>).</summary>
    public static readonly ValueRange RetryDelay = new("a retry delay", 0, DayMs, ValueUnit.Milliseconds);

    /// <summary>The wait before a hedged attempt starts (Polly <c>HedgingStrategyOptions.Delay</c>, positive here).</summary>
    public static readonly ValueRange HedgeDelay = new("a hedging delay", 1, DayMs, ValueUnit.Milliseconds);

    /// <summary>A breaker's open time or a cooldown of the health store (kept to Polly's 24 h so clock arithmetic never overflows).</summary>
    public static readonly ValueRange Cooldown = new("a cooldown", 0, DayMs, ValueUnit.Milliseconds);

    /// <summary>How long an open breaker skips a model (Polly <c>CircuitBreakerStrategyOptions.BreakDuration</c> allows 500 ms .. 24 h; 1 ms here).</summary>
    public static readonly ValueRange BreakDuration = new("a break duration", 1, DayMs, ValueUnit.Milliseconds);

    /// <summary>Attempts on one model, counting the first (more than 10 only delays the fallback).</summary>
    public static readonly ValueRange Attempts = new("an attempt count (the first attempt included; more only delays the fallback)", 1, 10, ValueUnit.Count);

    /// <summary>A failure count that opens a breaker.</summary>
    public static readonly ValueRange Threshold = new("a failure threshold", 1, int.MaxValue, ValueUnit.Count);

    /// <summary>A sampling temperature (<c>[ChatDefaults] Temperature</c>): OpenAI and Gemini accept 0 to 2.</summary>
    public static readonly ValueRange Temperature = new("a temperature", 0, 2, ValueUnit.Number);

    /// <summary>The temperature Anthropic's Messages API accepts (a larger one is a 400, which does not fall back).</summary>
    public static readonly ValueRange AnthropicTemperature = new("a temperature for Anthropic models", 0, 1, ValueUnit.Number);

    /// <summary>A nucleus sampling probability (<c>TopP</c>).</summary>
    public static readonly ValueRange TopP = new("a top-p probability", 0, 1, ValueUnit.Number);

    /// <summary>A frequency or presence penalty (OpenAI's range).</summary>
    public static readonly ValueRange Penalty = new("a frequency or presence penalty", -2, 2, ValueUnit.Number);

    /// <summary>An output token limit (<c>MaxOutputTokens</c>).</summary>
    public static readonly ValueRange OutputTokens = new("an output token limit", 1, int.MaxValue, ValueUnit.Count);

    /// <summary>A top-k count (<c>TopK</c>).</summary>
    public static readonly ValueRange TopK = new("a top-k count", 1, int.MaxValue, ValueUnit.Count);

    /// <summary>How many stop sequences a request may carry: OpenAI's 4 is the smallest limit of the providers.</summary>
    public static readonly ValueRange StopSequences = new("the number of stop sequences (OpenAI accepts at most 4)", 1, 4, ValueUnit.Count);

    /// <summary>
    /// The range of a setting by its name, the same name in attributes (<c>AttemptTimeoutMs</c>) and in configuration
    /// (<c>AttemptTimeout</c>): a setting added later whose name ends like a known one gets its range without a new entry.
    /// </summary>
    public static ValueRange? For(string name)
    {
        if (name is null)
        {
            return null;
        }

        if (s_byName.TryGetValue(name, out var exact))
        {
            return exact;
        }

        var bare = name.EndsWith("Ms", StringComparison.Ordinal) ? name.Substring(0, name.Length - 2) : name;
        if (bare.EndsWith("Timeout", StringComparison.Ordinal))
        {
            return Timeout;
        }

        if (bare.EndsWith("Cooldown", StringComparison.Ordinal))
        {
            return Cooldown;
        }

        if (bare.EndsWith("Threshold", StringComparison.Ordinal))
        {
            return Threshold;
        }

        return null;
    }

    private static readonly Dictionary<string, ValueRange> s_byName = new(StringComparer.Ordinal)
    {
        ["BaseDelayMs"] = RetryDelay,
        ["MaxDelayMs"] = RetryDelay,
        ["AfterMs"] = HedgeDelay,
        ["MaxAttempts"] = Attempts,
        ["BreakDuration"] = BreakDuration,
        ["Temperature"] = Temperature,
        ["TopP"] = TopP,
        ["FrequencyPenalty"] = Penalty,
        ["PresencePenalty"] = Penalty,
        ["MaxOutputTokens"] = OutputTokens,
        ["TopK"] = TopK,
    };
}

/// <summary>What a <see cref="ValueRange"/> counts.</summary>
internal enum ValueUnit
{
    /// <summary>Milliseconds (attribute values) or a TimeSpan (configuration).</summary>
    Milliseconds,

    /// <summary>A plain count.</summary>
    Count,

    /// <summary>A number that may have a fraction (sampling settings), checked with <see cref="ValueRange.CheckNumber(string, double)"/>.</summary>
    Number,
}

/// <summary>
/// One allowed range, inclusive. A setting where 0 means something (inherit the default, no limit) passes
/// <c>zeroMeans</c> to <see cref="Check(string, long, string)"/>, which then accepts 0 and says what it means.
/// </summary>
internal sealed class ValueRange
{
    public ValueRange(string what, long min, long max, ValueUnit unit)
    {
        What = what;
        Min = min;
        Max = max;
        Unit = unit;
    }

    public string What { get; }

    public long Min { get; }

    public long Max { get; }

    public ValueUnit Unit { get; }

    public bool Contains(long value) => value >= Min && value <= Max;

    /// <summary>Whether a fractional value is in range; NaN never is.</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    public bool Contains(TimeSpan value) => value >= TimeSpan.Zero && value.TotalMilliseconds >= Min && value.TotalMilliseconds <= Max;

    /// <summary>The range in words, such as <c>10 to 86400000 ms (10 ms to 24 h), or 0 to inherit the default</c>.</summary>
    public string Describe(string? zeroMeans = null)
    {
        var text = Unit == ValueUnit.Milliseconds
            ? $"{Number(Min)} to {Number(Max)} ms ({Human(Min)} to {Human(Max)})"
            : $"{Number(Min)} to {Number(Max)}";
        return Min > 0 && zeroMeans is not null ? text + ", or 0 " + zeroMeans : text;
    }

    /// <summary>The problem with <paramref name="value"/> for setting <paramref name="name"/>, or null when it is in range.</summary>
    public string? Check(string name, long value, string? zeroMeans = null) =>
        Contains(value) || (value == 0 && zeroMeans is not null) ? null : $"{name} is {Number(value)}; {What} must be {Describe(zeroMeans)}";

    /// <summary>The problem with a fractional <paramref name="value"/> for setting <paramref name="name"/>, or null when it is in range.</summary>
    public string? CheckNumber(string name, double value) =>
        Contains(value) ? null : $"{name} is {value.ToString("R", CultureInfo.InvariantCulture)}; {What} must be {Describe()}";

    /// <summary>The problem with a configured <see cref="TimeSpan"/> under configuration key <paramref name="key"/>, or null when it is in range.</summary>
    public string? Check(string key, TimeSpan value, string? zeroMeans = null)
    {
        if (Contains(value) || (value == TimeSpan.Zero && zeroMeans is not null))
        {
            return null;
        }

        var range = $"{Span(Min)} to {Span(Max)} ({Human(Min)} to {Human(Max)})";
        return $"{key} is {value.ToString("c", CultureInfo.InvariantCulture)}; {What} must be {range}" + (Min > 0 && zeroMeans is not null ? ", or 00:00:00 " + zeroMeans : string.Empty);
    }

    /// <summary>The problem with a configured count under <paramref name="key"/>, or null when it is in range.</summary>
    public string? Check(string key, int? value) => value is { } v ? Check(key, (long)v) : null;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Span(long ms) => TimeSpan.FromMilliseconds(ms).ToString("c", CultureInfo.InvariantCulture);

    private static string Human(long ms) =>
        ms == 0 ? "0"
        : ms % 3_600_000 == 0 ? Number(ms / 3_600_000) + " h"
        : ms % 1000 == 0 ? Number(ms / 1000) + " s"
        : Number(ms) + " ms";
}
