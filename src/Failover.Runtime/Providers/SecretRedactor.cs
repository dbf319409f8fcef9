using System;
using System.Collections.Generic;
using System.Text;

namespace Failover;

/// <summary>
/// The one redaction of provider texts: every message, error code, error type and quoted body a built-in provider
/// sends back passes through <see cref="Redact"/> before it is cut, classified or stored, so neither the API key nor
/// a configured secret header value (see <see cref="HttpProviderOptions.SecretHeaders"/>) reaches an exception,
/// log, trace, metric or routing event.
/// </summary>
/// <remarks>
/// The rule: a secret of <see cref="MinPiece"/> (8) characters or more is redacted wherever any run of 8 or more of
/// its consecutive characters appears, so a key that an upstream truncated, split or partly echoed is still hidden; a
/// shorter secret (4 to 7 characters) is redacted where it appears whole; secrets under 4 characters are not
/// secrets we can find without mangling ordinary text. Redaction runs before any cut, so a key that straddles the cut
/// cannot leave a piece behind.
/// </remarks>
internal sealed class SecretRedactor
{
    /// <summary>The shortest run of a secret's characters that is redacted.</summary>
    public const int MinPiece = 8;

    /// <summary>What a redacted run is replaced with.</summary>
    public const string Marker = "[redacted]";

    private const int MinWhole = 4;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        var list = new List<string>();
        foreach (var secret in secrets)
        {
            var trimmed = secret?.Trim();
            if (trimmed is { Length: >= MinWhole } && !list.Contains(trimmed))
            {
                list.Add(trimmed);
            }
        }

        // Longest first: a short secret contained in a long one never splits the long one's redaction.
        list.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        _secrets = list.ToArray();
    }

    /// <summary>A redactor for nothing.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>Whether there is anything to redact.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>The secrets of one provider client: its key and the values of its secret headers.</summary>
    public static SecretRedactor For(string? apiKey, HttpProviderOptions options)
    {
        var secrets = new List<string?> { apiKey };
        foreach (var (name, value) in options.Headers)
        {
            if (options.IsSecretHeader(name))
            {
                // "Bearer sk-...": the credential after the scheme is the secret (the scheme is not, and hiding it
                // would also hide the text around an echo).
                var space = value?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
                secrets.Add(space > 0 ? value![(space + 1)..] : value);
            }
        }

        return new SecretRedactor(secrets);
    }

    /// <summary>The text with every secret (and every run of 8 or more of a secret's characters) replaced by <see cref="Marker"/>.</summary>
    public string? Redact(string? text)
    {
        if (text is null || text.Length == 0 || _secrets.Length == 0)
        {
            return text;
        }

        bool[]? hidden = null;
        foreach (var secret in _secrets)
        {
            if (secret.Length < MinPiece)
            {
                for (var at = text.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = text.IndexOf(secret, at + 1, StringComparison.Ordinal))
                {
                    Mark(ref hidden, text.Length, at, secret.Length);
                }

                continue;
            }

            MarkPieces(text, secret, ref hidden);
        }

        return hidden is null ? text : Replace(text, hidden);
    }

    /// <summary>Whether the text holds a secret or a piece of one (used to drop inner exceptions nobody redacts).</summary>
    public bool Reveals(string? text) => !ReferenceEquals(Redact(text), text);

    private static void MarkPieces(string text, string secret, ref bool[]? hidden)
    {
        // For each start in the text, the longest run that also occurs in the secret; runs of 8 or more are hidden.
        // Texts here are short error messages and secrets are tens of characters, so the quadratic scan is cheap,
        // and it runs only on the failure path.
        for (var i = 0; i + MinPiece <= text.Length; i++)
        {
            var longest = 0;
            for (var j = 0; j + MinPiece <= secret.Length; j++)
            {
                var length = 0;
                while (i + length < text.Length && j + length < secret.Length && text[i + length] == secret[j + length])
                {
                    length++;
                }

                longest = Math.Max(longest, length);
            }

            if (longest >= MinPiece)
            {
                Mark(ref hidden, text.Length, i, longest);
            }
        }
    }

    private static void Mark(ref bool[]? hidden, int textLength, int start, int length)
    {
        hidden ??= new bool[textLength];
        Array.Fill(hidden, true, start, length);
    }

    private static string Replace(string text, bool[] hidden)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!hidden[i])
            {
                builder.Append(text[i]);
            }
            else if (i == 0 || !hidden[i - 1])
            {
                builder.Append(Marker);
            }
        }

        return builder.ToString();
    }
}
