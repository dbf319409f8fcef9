using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// What FO114 calls an API key: <c>sk-ant-…</c> (Anthropic) or <c>sk-…</c> (OpenAI, including <c>sk-proj-…</c>) with 20
/// or more key characters, or <c>AIza</c> plus 35 or more (Google), not inside a longer word. Obvious placeholders are
/// not keys: a body with a placeholder word (xxxx, REPLACE, YOUR, EXAMPLE, PLACEHOLDER, DUMMY, FAKE, REDACTED, INSERT,
/// CHANGEME, SAMPLE), a run of five identical characters, an fewer than eight
/// distinct characters, or a character entropy below 3 bits (real keys are random, near 5 bits per character).
/// </summary>
internal static class ApiKeyPattern
{
    private static readonly Regex KeyPattern = new(
        @"(?<![A-Za-z0-9_-])(?<prefix>sk-ant-|sk-|AIza)(?<rest>[A-Za-z0-9_-]+)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromMilliseconds(200));

    private static readonly string[] PlaceholderWords =
        { "xxxx", "replace", "your", "example", "placeholder", "dummy", "fake", "redacted", "insert", "changeme", "sample" };

    /// <summary>
    /// Whether source text may hold a key in some literal or comment: it has a key prefix, or an escape sequence
    /// (<c>\u0073k-…</c> spells a key in a string literal without its prefix appearing in the text). False lets a whole
    /// file be skipped without walking its tokens.
    /// </summary>
    public static bool MayContainKey(string sourceText) =>
        HasPrefix(sourceText)
        || sourceText.IndexOf("\\u", StringComparison.Ordinal) >= 0
        || sourceText.IndexOf("\\U", StringComparison.Ordinal) >= 0
        || sourceText.IndexOf("\\x", StringComparison.Ordinal) >= 0;

    /// <summary>The first key-like run in <paramref name="text"/>: where it is and its masked form (prefix and an ellipsis), or null.</summary>
    public static KeyMatch? Find(string? text)
    {
        // The prefix test first: the regex (with its timeout) costs far more than a scan, and nearly no text has a prefix.
        if (text is null || text.Length < 20 || !HasPrefix(text))
        {
            return null;
        }

        try
        {
            foreach (Match match in KeyPattern.Matches(text))
            {
                var prefix = match.Groups["prefix"].Value;
                var rest = match.Groups["rest"].Value;
                var longEnough = prefix switch
                {
                    "AIza" => rest.Length >= 35,
                    "sk-" when rest.StartsWith("ant-", StringComparison.Ordinal) => false,
                    _ => rest.Length >= 20,
                };
                if (longEnough && !IsPlaceholder(rest))
                {
                    return new KeyMatch(match.Index, match.Length, prefix + "\u2026");
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological string is not worth a build failure.
        }

        return null;
    }

    private static bool HasPrefix(string text) =>
        text.IndexOf("sk-", StringComparison.Ordinal) >= 0 || text.IndexOf("AIza", StringComparison.Ordinal) >= 0;

    /// <summary>Whether a key body is an obvious placeholder rather than a random secret.</summary>
    internal static bool IsPlaceholder(string body)
    {
        var lower = body.ToLowerInvariant();
        if (PlaceholderWords.Any(w => lower.Contains(w)))
        {
            return true;
        }

        var characters = lower.Where(char.IsLetterOrDigit).ToArray();
        if (characters.Distinct().Count() < 8)
        {
            return true;
        }

        int run = 1;
        for (var i = 1; i < body.Length; i++)
        {
            run = body[i] == body[i - 1] ? run + 1 : 1;
            if (run >= 5)
            {
                return true;
            }
        }

        return Entropy(characters) < 3.0;
    }

    private static double Entropy(IReadOnlyCollection<char> characters)
    {
        if (characters.Count == 0)
        {
            return 0;
        }

        return -characters.GroupBy(static c => c)
            .Select(g => (double)g.Count() / characters.Count)
            .Sum(static p => p * Math.Log(p, 2));
    }
}

/// <summary>A key-like run: its offset and length in the text searched, and the masked form for messages.</summary>
internal sealed record KeyMatch(int Index, int Length, string Masked);
