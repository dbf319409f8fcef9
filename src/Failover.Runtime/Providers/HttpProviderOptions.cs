using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>Settings of a built-in HTTP provider (OpenAI, Anthropic, Gemini or an OpenAI-compatible server).</summary>
/// <remarks>The API key is not an option: it is passed to the registration method and kept only by the client.</remarks>
public sealed class HttpProviderOptions
{
    private int _maxStreamEventBytes = 1024 * 1024;
    private int _maxConsecutiveMalformedEvents = 8;

    /// <summary>The base address requests are sent to, such as a local simulator, a proxy or an Azure resource.</summary>
    /// <value>
    /// The default is null: the provider's public endpoint. An address with a query string, fragment or user info
    /// (a key in the URL) is rejected at registration: send keys in a header.
    /// </value>
    public Uri? BaseUrl { get; set; }

    /// <summary>Headers added to every request (an organization or project id, a gateway's routing header).</summary>
    /// <value>The default is empty. Values are sent, never logged; <see cref="ToString"/> shows names only.</value>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Names of <see cref="Headers"/> whose values are credentials: redacted (with the API key) from every message,
    /// error code and quoted body the provider sends back, and never shown.
    /// </summary>
    /// <value>
    /// The default is empty. Headers named like a credential are secret without being listed: <c>Authorization</c>,
    /// <c>Proxy-Authorization</c>, <c>Cookie</c>, and any name containing <c>key</c>, <c>token</c>, <c>secret</c>,
    /// <c>auth</c>, <c>password</c> or <c>signature</c> (Azure's <c>api-key</c>, <c>x-api-key</c>,
    /// <c>Ocp-Apim-Subscription-Key</c>).
    /// </value>
    public ISet<string> SecretHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The output token limit sent when <c>ChatOptions.MaxOutputTokens</c> is not set.</summary>
    /// <value>The default is null: OpenAI and Gemini send no limit; Anthropic, which requires one, sends 4096.</value>
    public int? DefaultMaxOutputTokens { get; set; }

    /// <summary>The model used when a request carries no <c>ChatOptions.ModelId</c>; routes always set one.</summary>
    /// <value>The default is null.</value>
    public string? DefaultModelId { get; set; }

    /// <summary>Whether the header's value is a credential: listed in <see cref="SecretHeaders"/> or named like one.</summary>
    /// <param name="name">The header name.</param>
    public bool IsSecretHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (SecretHeaders.Contains(name)
            || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var word in s_secretWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] s_secretWords = ["key", "token", "secret", "auth", "password", "signature"];

    /// <summary>
    /// The largest server-sent event a stream may carry, in bytes of the raw event (its field lines included).
    /// A larger one makes the stream unusable (<see cref="FailureKind.StreamInterrupted"/>): the reader never buffers
    /// more than this for one event, so a server that sends an endless line cannot exhaust memory.
    /// </summary>
    /// <value>The default is 1 MiB, far above any text or tool-call chunk; raise it for models that stream images inline.</value>
    public int MaxStreamEventBytes
    {
        get => _maxStreamEventBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1024);
            _maxStreamEventBytes = value;
        }
    }

    /// <summary>
    /// How many malformed events in a row (data that is not a JSON object) make a stream unusable. Fewer are
    /// skipped, counted in <see cref="StreamSignals.SkippedEvents"/>, and the stream goes on.
    /// </summary>
    /// <value>The default is 8.</value>
    public int MaxConsecutiveMalformedEvents
    {
        get => _maxConsecutiveMalformedEvents;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxConsecutiveMalformedEvents = value;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"BaseUrl = {(BaseUrl is null ? "(default)" : ProviderAddress.Safe(BaseUrl))}, Headers = [{string.Join(", ", Headers.Keys)}], " +
        $"DefaultMaxOutputTokens = {DefaultMaxOutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}";
}
