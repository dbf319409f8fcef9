using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;

namespace Failover;

/// <summary>
/// Reads how long a provider asked callers to wait, from every header form the built-in providers use. The one
/// place retry-after is parsed; all three HTTP providers call it.
/// </summary>
/// <remarks>
/// Precedence: <c>retry-after-ms</c>, then <c>retry-after</c> (seconds or HTTP-date), then the providers' own reset
/// headers: OpenAI <c>x-ratelimit-reset-requests</c>/<c>-tokens</c> (durations such as <c>6m0s</c>) and Anthropic
/// <c>anthropic-ratelimit-*-reset</c> (RFC 3339 instants). Among reset headers, the limit whose
/// <c>remaining</c> header says 0 is the one that was hit; when none says so, the longest wait is used.
/// Instants are turned into waits against the injected <see cref="TimeProvider"/>; a wait in the past is zero.
/// </remarks>
internal static class RetryAfterParser
{
    private static readonly string[] s_openAiLimits = ["requests", "tokens"];
    private static readonly string[] s_anthropicLimits = ["requests", "tokens", "input-tokens", "output-tokens"];

    /// <summary>The wait the headers ask for, or null when they ask for none.</summary>
    public static TimeSpan? FromHeaders(HttpResponseHeaders headers, TimeProvider time) =>
        FromHeaders(name => Get(headers, name), time);

    /// <summary>The wait the headers ask for, read through a lookup (for responses that are not <see cref="System.Net.Http.HttpResponseMessage"/>s, such as an SDK's).</summary>
    public static TimeSpan? FromHeaders(Func<string, string?> header, TimeProvider time)
    {
        if (header("retry-after-ms") is { } ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (header("retry-after") is { } retryAfter && FromRetryAfter(retryAfter, time.GetUtcNow()) is { } wait)
        {
            return wait;
        }

        return FromResetHeaders(header, "x-ratelimit-reset-", "x-ratelimit-remaining-", s_openAiLimits, v => ParseDuration(v))
            ?? FromResetHeaders(header, "anthropic-ratelimit-", null, s_anthropicLimits, v => Until(v, time.GetUtcNow()));
    }

    /// <summary>Parses a <c>retry-after</c> value: delta seconds (decimals tolerated) or an HTTP-date.</summary>
    public static TimeSpan? FromRetryAfter(string value, DateTimeOffset now)
    {
        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            return Clamp(date - now);
        }

        return null;
    }

    /// <summary>
    /// Parses a Go-style duration as OpenAI and Gemini send it (<c>1s</c>, <c>6m0s</c>, <c>250ms</c>, <c>1h2m3.5s</c>,
    /// <c>26s</c>, <c>0.5s</c>). Null when the text is not one.
    /// </summary>
    public static TimeSpan? ParseDuration(string value)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        while (!text.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0
                || !double.TryParse(text[..numberLength], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            text = text[numberLength..];
            var unitLength = 0;
            while (unitLength < text.Length && char.IsAsciiLetter(text[unitLength]))
            {
                unitLength++;
            }

            var unit = text[..unitLength];
            text = text[unitLength..];
            if (unit.SequenceEqual("ms"))
            {
                total += TimeSpan.FromMilliseconds(number);
            }
            else if (unit.SequenceEqual("s") || unit.IsEmpty)
            {
                total += TimeSpan.FromSeconds(number);
            }
            else if (unit.SequenceEqual("m"))
            {
                total += TimeSpan.FromMinutes(number);
            }
            else if (unit.SequenceEqual("h"))
            {
                total += TimeSpan.FromHours(number);
            }
            else
            {
                return null;
            }
        }

        return total;
    }

    private static TimeSpan? FromResetHeaders(
        Func<string, string?> header,
        string resetPrefix,
        string? remainingPrefix,
        string[] limits,
        Func<string, TimeSpan?> parse)
    {
        TimeSpan? exhausted = null;
        TimeSpan? longest = null;
        foreach (var limit in limits)
        {
            // OpenAI: x-ratelimit-reset-requests / x-ratelimit-remaining-requests.
            // Anthropic: anthropic-ratelimit-requests-reset / anthropic-ratelimit-requests-remaining.
            var reset = remainingPrefix is null ? header(resetPrefix + limit + "-reset") : header(resetPrefix + limit);
            if (reset is null || parse(reset) is not { } wait)
            {
                continue;
            }

            var remaining = remainingPrefix is null ? header(resetPrefix + limit + "-remaining") : header(remainingPrefix + limit);
            if (remaining?.Trim() == "0")
            {
                exhausted = exhausted is { } e && e > wait ? e : wait;
            }

            longest = longest is { } l && l > wait ? l : wait;
        }

        return exhausted ?? longest;
    }

    private static TimeSpan? Until(string value, DateTimeOffset now) =>
        DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? Clamp(instant - now)
            : null;

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    private static string? Get(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
