using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// An <see cref="IChatClient"/> over Anthropic's Messages API (<c>POST {base}v1/messages</c>, <c>x-api-key</c>,
/// <c>anthropic-version: 2023-06-01</c>). System messages become the top-level <c>system</c>; <c>max_tokens</c>, which
/// the API requires, comes from <c>ChatOptions.MaxOutputTokens</c>, then <see cref="HttpProviderOptions.DefaultMaxOutputTokens"/>,
/// then 4096.
/// </summary>
/// <remarks>
/// The Messages API has no JSON mode. When JSON output is requested, an instruction (with the schema, when there is
/// one) is appended to the system prompt, and a Markdown code fence around the answer is removed from non-streaming
/// answers. No assistant prefill is used: newer Claude models and extended thinking reject it.
/// </remarks>
public sealed class AnthropicChatClient : HttpChatClient
{
    /// <summary>The provider name <c>AddAnthropic</c> registers.</summary>
    public const string DefaultProviderName = "anthropic";

    /// <summary>The <c>anthropic-version</c> header value sent with every request.</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary>The <c>max_tokens</c> sent when neither the request nor the options set one.</summary>
    public const int DefaultMaxTokens = 4096;

    /// <summary>Creates a client for Anthropic's API or a server with the same wire format.</summary>
    /// <param name="httpClient">The HTTP client, normally a named client from <c>IHttpClientFactory</c>; not disposed by this client.</param>
    /// <param name="apiKey">The key sent as <c>x-api-key</c>.</param>
    /// <param name="options">Base address, extra headers and defaults; null for Anthropic's public endpoint.</param>
    /// <param name="providerName">The provider name used in messages and metadata.</param>
    /// <param name="timeProvider">The clock rate-limit reset instants are measured against; null for the system clock.</param>
    public AnthropicChatClient(HttpClient httpClient, string? apiKey, HttpProviderOptions? options = null, string providerName = DefaultProviderName, TimeProvider? timeProvider = null)
        : this(NonNull(httpClient), apiKey, options, providerName, timeProvider)
    {
    }

    internal AnthropicChatClient(Func<HttpClient> httpClient, string? apiKey, HttpProviderOptions? options, string providerName, TimeProvider? timeProvider)
        : base(httpClient, apiKey, options, providerName, timeProvider, DefaultBaseUrl, AnthropicResponseReader.ReadError)
    {
    }

    /// <summary>Anthropic's public endpoint, <c>https://api.anthropic.com/</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.anthropic.com/");

    private protected override string RequestPath(string model, bool stream) => "v1/messages";

    private protected override void AddApiKey(HttpRequestMessage request, string apiKey) =>
        request.Headers.TryAddWithoutValidation("x-api-key", apiKey);

    private protected override void AddHeaders(HttpRequestMessage request) =>
        request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);

    private protected override void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream) =>
        AnthropicRequestWriter.WriteBody(writer, messages, options, model, stream, Transport.Options.DefaultMaxOutputTokens);

    private protected override ChatResponse ParseResponse(JsonElement root, string model, ChatOptions? options) =>
        AnthropicResponseReader.ParseResponse(Transport, root, model, options?.ResponseFormat is ChatResponseFormatJson);

    private protected override ChatStreamReader CreateStreamReader(string model) => new AnthropicStreamReader(Transport, model);
}
