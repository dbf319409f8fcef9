using System;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;

namespace Failover;

/// <summary>Registers the built-in HTTP providers (OpenAI, Anthropic, Gemini, any OpenAI-compatible server).</summary>
/// <remarks>
/// Each provider gets a named <see cref="HttpClient"/> (<c>failover-{provider}</c>) from <see cref="IHttpClientFactory"/>
/// with <see cref="HttpClient.Timeout"/> set to infinite: the engine's per-attempt timeout owns time. Configure the
/// named client (handlers, proxies) with <c>services.AddHttpClient("failover-openai")</c>. The factory's request
/// logging is removed from these clients, because its structured log state holds the raw header values (the key). A hosted provider without a
/// key is recorded as misconfigured: startup fails, naming route and provider, only when a route uses it.
/// </remarks>
public static class FailoverBuilderProviderExtensions
{
    /// <summary>The prefix of the named <see cref="HttpClient"/>s the built-in providers use.</summary>
    public const string HttpClientNamePrefix = "failover-";

    /// <summary>Registers OpenAI under the provider name <c>openai</c> (<c>https://api.openai.com/v1/</c> unless overridden).</summary>
    /// <param name="builder">The Failover builder.</param>
    /// <param name="apiKey">The API key; when null or empty, <c>OPENAI_API_KEY</c> is read.</param>
    /// <param name="configure">Sets the base address (a simulator, Azure OpenAI v1), extra headers and defaults.</param>
    public static FailoverBuilder AddOpenAI(this FailoverBuilder builder, string? apiKey, Action<HttpProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        const string name = OpenAIChatClient.DefaultProviderName;
        var key = KeyOrEnvironment(apiKey, "OPENAI_API_KEY");
        if (key is null)
        {
            return builder.AddMisconfiguredProvider(name, "no API key: pass one to AddOpenAI(...) or set OPENAI_API_KEY");
        }

        var options = Configure(name, configure);
        var clientName = AddHttpClient(builder, name);
        return builder.AddProvider(name, sp => new OpenAIChatClient(HttpClientOf(sp, clientName), key, options, name, sp.GetService<TimeProvider>(), maxCompletionTokens: true));
    }

    /// <summary>Registers Anthropic under the provider name <c>anthropic</c> (<c>https://api.anthropic.com/</c> unless overridden).</summary>
    /// <param name="builder">The Failover builder.</param>
    /// <param name="apiKey">The API key; when null or empty, <c>ANTHROPIC_API_KEY</c> is read.</param>
    /// <param name="configure">Sets the base address, extra headers (such as <c>anthropic-beta</c>) and the default <c>max_tokens</c>.</param>
    public static FailoverBuilder AddAnthropic(this FailoverBuilder builder, string? apiKey, Action<HttpProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        const string name = AnthropicChatClient.DefaultProviderName;
        var key = KeyOrEnvironment(apiKey, "ANTHROPIC_API_KEY");
        if (key is null)
        {
            return builder.AddMisconfiguredProvider(name, "no API key: pass one to AddAnthropic(...) or set ANTHROPIC_API_KEY");
        }

        var options = Configure(name, configure);
        var clientName = AddHttpClient(builder, name);
        return builder.AddProvider(name, sp => new AnthropicChatClient(HttpClientOf(sp, clientName), key, options, name, sp.GetService<TimeProvider>()));
    }

    /// <summary>
    /// Registers Google Gemini under the provider name <c>google</c>, so model ids read <c>google/gemini-2.5-flash</c>
    /// (<c>https://generativelanguage.googleapis.com/</c> unless overridden).
    /// </summary>
    /// <param name="builder">The Failover builder.</param>
    /// <param name="apiKey">The API key; when null or empty, <c>GEMINI_API_KEY</c>, then <c>GOOGLE_API_KEY</c>, is read.</param>
    /// <param name="configure">Sets the base address, extra headers and defaults.</param>
    public static FailoverBuilder AddGemini(this FailoverBuilder builder, string? apiKey, Action<HttpProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        const string name = GeminiChatClient.DefaultProviderName;
        var key = KeyOrEnvironment(apiKey, "GEMINI_API_KEY") ?? KeyOrEnvironment(null, "GOOGLE_API_KEY");
        if (key is null)
        {
            return builder.AddMisconfiguredProvider(name, "no API key: pass one to AddGemini(...) or set GEMINI_API_KEY");
        }

        var options = Configure(name, configure);
        var clientName = AddHttpClient(builder, name);
        return builder.AddProvider(name, sp => new GeminiChatClient(HttpClientOf(sp, clientName), key, options, name, sp.GetService<TimeProvider>()));
    }

    /// <summary>
    /// Registers a server that speaks the OpenAI Chat Completions format (Azure OpenAI v1, OpenRouter, Groq, Mistral,
    /// Together, vLLM, Ollama, LM Studio) under <paramref name="name"/>. The key is optional: local servers need none.
    /// The output limit is sent as <c>max_tokens</c>, which these servers understand.
    /// </summary>
    /// <param name="builder">The Failover builder.</param>
    /// <param name="name">The provider name used in model ids, such as <c>groq</c> or <c>ollama</c>.</param>
    /// <param name="baseUrl">The address <c>chat/completions</c> is appended to, such as <c>http://localhost:11434/v1/</c>.</param>
    /// <param name="apiKey">The key sent as <c>Authorization: Bearer</c>, or null for none.</param>
    /// <param name="configure">Sets extra headers and defaults; a <see cref="HttpProviderOptions.BaseUrl"/> set here wins.</param>
    public static FailoverBuilder AddOpenAICompatible(this FailoverBuilder builder, string name, Uri baseUrl, string? apiKey = null, Action<HttpProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The base URL of provider '{name}' must be absolute.", nameof(baseUrl));
        }

        ProviderAddress.Validate(name, baseUrl, nameof(baseUrl));
        var options = new HttpProviderOptions { BaseUrl = baseUrl };
        configure?.Invoke(options);
        ProviderAddress.Validate(name, options.BaseUrl, nameof(configure));
        var key = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey;
        var clientName = AddHttpClient(builder, name);
        return builder.AddProvider(name, sp => new OpenAIChatClient(HttpClientOf(sp, clientName), key, options, name, sp.GetService<TimeProvider>(), maxCompletionTokens: false));
    }

    private static HttpProviderOptions Configure(string provider, Action<HttpProviderOptions>? configure)
    {
        var options = new HttpProviderOptions();
        configure?.Invoke(options);
        ProviderAddress.Validate(provider, options.BaseUrl, nameof(configure));
        return options;
    }

    private static string AddHttpClient(FailoverBuilder builder, string provider)
    {
        var clientName = HttpClientNamePrefix + provider.ToLowerInvariant();
        // The factory's default request logging is removed: its structured state carries the raw header values (the
        // formatted text shows "*", but a structured sink records the Authorization header, that is the key). The
        // engine logs every attempt itself; a user who adds a logger back to the named client opts into that.
        builder.Services.AddHttpClient(clientName, static client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        return clientName;
    }

    private static Func<HttpClient> HttpClientOf(IServiceProvider services, string clientName)
    {
        // A client per request keeps IHttpClientFactory's handler rotation (DNS changes) working for a client that lives forever.
        var factory = services.GetRequiredService<IHttpClientFactory>();
        return () => factory.CreateClient(clientName);
    }

    private static string? KeyOrEnvironment(string? apiKey, string variable)
    {
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            return apiKey;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }
}
