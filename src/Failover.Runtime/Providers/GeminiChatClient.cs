using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// An <see cref="IChatClient"/> over the Gemini API (<c>POST {base}v1beta/models/{model}:generateContent</c> and
/// <c>:streamGenerateContent?alt=sse</c>, key in <c>x-goog-api-key</c>). A prompt blocked through
/// <c>promptFeedback.blockReason</c>, or an answer stopped for <c>SAFETY</c> and the other block reasons, is a
/// <see cref="FailureKind.ContentPolicy"/> failure.
/// </summary>
public sealed class GeminiChatClient : HttpChatClient
{
    /// <summary>The provider name <c>AddGemini</c> registers: model ids read <c>google/gemini-2.5-flash</c>.</summary>
    public const string DefaultProviderName = "google";

    /// <summary>Creates a client for the Gemini API or a server with the same wire format.</summary>
    /// <param name="httpClient">The HTTP client, normally a named client from <c>IHttpClientFactory</c>; not disposed by this client.</param>
    /// <param name="apiKey">The key sent as <c>x-goog-api-key</c>.</param>
    /// <param name="options">Base address, extra headers and defaults; null for Google's public endpoint.</param>
    /// <param name="providerName">The provider name used in messages and metadata.</param>
    /// <param name="timeProvider">The clock retry-after dates are measured against; null for the system clock.</param>
    public GeminiChatClient(HttpClient httpClient, string? apiKey, HttpProviderOptions? options = null, string providerName = DefaultProviderName, TimeProvider? timeProvider = null)
        : this(NonNull(httpClient), apiKey, options, providerName, timeProvider)
    {
    }

    internal GeminiChatClient(Func<HttpClient> httpClient, string? apiKey, HttpProviderOptions? options, string providerName, TimeProvider? timeProvider)
        : base(httpClient, apiKey, options, providerName, timeProvider, DefaultBaseUrl, GeminiResponseReader.ReadError)
    {
    }

    /// <summary>Google's public endpoint, <c>https://generativelanguage.googleapis.com/</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://generativelanguage.googleapis.com/");

    private protected override string ModelOf(ChatOptions? options)
    {
        var model = base.ModelOf(options);
        return model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
    }

    private protected override string RequestPath(string model, bool stream) =>
        "v1beta/models/" + Uri.EscapeDataString(model) + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");

    private protected override void AddApiKey(HttpRequestMessage request, string apiKey) =>
        request.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);

    private protected override void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream) =>
        GeminiRequestWriter.WriteBody(writer, messages, options, Transport.Options.DefaultMaxOutputTokens);

    private protected override ChatResponse ParseResponse(JsonElement root, string model, ChatOptions? options) =>
        GeminiResponseReader.ParseResponse(Transport, root, model);

    private protected override ChatStreamReader CreateStreamReader(string model) => new GeminiStreamReader(Transport, model);
}
