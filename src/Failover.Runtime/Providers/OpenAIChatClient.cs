using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI Chat Completions wire format (<c>POST {base}chat/completions</c>),
/// used for OpenAI itself and for every compatible server (Azure OpenAI v1, OpenRouter, Groq, Mistral, Together,
/// vLLM, Ollama, LM Studio). Errors are classified by <see cref="FailureClassifier"/> and thrown as
/// <see cref="ProviderException"/>s whose messages never contain headers or the key.
/// </summary>
public sealed class OpenAIChatClient : HttpChatClient
{
    /// <summary>The provider name <c>AddOpenAI</c> registers.</summary>
    public const string DefaultProviderName = "openai";

    private readonly bool _maxCompletionTokens;

    /// <summary>Creates a client for OpenAI's public API or any server with the same wire format.</summary>
    /// <param name="httpClient">The HTTP client, normally a named client from <c>IHttpClientFactory</c>; not disposed by this client.</param>
    /// <param name="apiKey">The key sent as <c>Authorization: Bearer</c>; null or empty sends none (local servers).</param>
    /// <param name="options">Base address, extra headers and defaults; null for OpenAI's public endpoint.</param>
    /// <param name="providerName">The provider name used in messages and metadata.</param>
    /// <param name="timeProvider">The clock retry-after dates are measured against; null for the system clock.</param>
    public OpenAIChatClient(HttpClient httpClient, string? apiKey, HttpProviderOptions? options = null, string providerName = DefaultProviderName, TimeProvider? timeProvider = null)
        : this(NonNull(httpClient), apiKey, options, providerName, timeProvider, maxCompletionTokens: true)
    {
    }

    internal OpenAIChatClient(Func<HttpClient> httpClient, string? apiKey, HttpProviderOptions? options, string providerName, TimeProvider? timeProvider, bool maxCompletionTokens)
        : base(httpClient, apiKey, options, providerName, timeProvider, DefaultBaseUrl, OpenAIResponseReader.ReadError)
    {
        _maxCompletionTokens = maxCompletionTokens;
    }

    /// <summary>OpenAI's public endpoint, <c>https://api.openai.com/v1/</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.openai.com/v1/");

    private protected override string RequestPath(string model, bool stream) => "chat/completions";

    private protected override void AddApiKey(HttpRequestMessage request, string apiKey) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

    private protected override void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream) =>
        OpenAIRequestWriter.WriteBody(writer, messages, options, model, stream, Transport.Options.DefaultMaxOutputTokens, _maxCompletionTokens);

    private protected override ChatResponse ParseResponse(JsonElement root, string model, ChatOptions? options) =>
        OpenAIResponseReader.ParseResponse(Transport, root, model);

    private protected override ChatStreamReader CreateStreamReader(string model) => new OpenAIStreamReader(Transport, model);
}
