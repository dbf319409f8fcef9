using System;

namespace Failover;

/// <summary>
/// Default <c>ChatOptions</c> for a route (on a method) or for every route of an interface (on the interface; a method's
/// own <c>[ChatDefaults]</c> wins property by property). They are sent to whichever model serves, and a per-call
/// <c>ChatOptions</c> (a route method's <c>ChatOptions</c> parameter, or the options passed to the route as an
/// <c>IChatClient</c>) wins over them value by value. Only the properties you assign are sent; the values are checked at
/// compile time (FO008) against the ranges the providers accept. See docs/routing.md, "Default chat options".
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ChatDefaultsAttribute : Attribute
{
    /// <summary>The sampling temperature, 0 to 2 (Anthropic accepts 0 to 1: FO008 flags more on a chain with an Anthropic model).</summary>
    /// <value>Unset (the provider's default) unless assigned.</value>
    public double Temperature { get; set; } = double.NaN;

    /// <summary>The most tokens an answer may have, 1 or more.</summary>
    /// <value>Unset (the provider's default, or <c>HttpProviderOptions.DefaultMaxOutputTokens</c>) unless assigned.</value>
    public int MaxOutputTokens { get; set; }

    /// <summary>Nucleus sampling: the probability mass to sample from, 0 to 1.</summary>
    /// <value>Unset unless assigned.</value>
    public double TopP { get; set; } = double.NaN;

    /// <summary>Sample from the K most likely tokens, 1 or more (Anthropic and Gemini; OpenAI ignores it).</summary>
    /// <value>Unset unless assigned.</value>
    public int TopK { get; set; }

    /// <summary>The frequency penalty, -2 to 2 (OpenAI).</summary>
    /// <value>Unset unless assigned.</value>
    public double FrequencyPenalty { get; set; } = double.NaN;

    /// <summary>The presence penalty, -2 to 2 (OpenAI).</summary>
    /// <value>Unset unless assigned.</value>
    public double PresencePenalty { get; set; } = double.NaN;

    /// <summary>A seed for repeatable sampling, where the provider supports one.</summary>
    /// <value>Unset unless assigned.</value>
    public long Seed { get; set; }

    /// <summary>Stop sequences: 1 to 4 non-empty strings (4 is OpenAI's limit, the smallest of the providers).</summary>
    /// <value>Unset unless assigned.</value>
    public string[]? Stop { get; set; }

    /// <summary>The response format; structured routes (<c>Task&lt;T&gt;</c>) set theirs from T and may not set one here.</summary>
    /// <value>The default is <see cref="DefaultResponseFormat.Unset"/>.</value>
    public DefaultResponseFormat ResponseFormat { get; set; }
}
