using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// An <see cref="IChatClient"/> over the Gemini API (<c>POST {base}v1beta/models/{model}:generateContent</c> and
/// <c>:streamGenerateContent?alt=sse</c>, key in <c>x-goog-api-key</c>). A prompt blocked through
/// <c>promptFeedback.blockReason</c>, or an answer stopped for <c>SAFETY</c> and the other block reasons, is a
/// <see cref="FailureKind.ContentPolicy"/> failure.
/// </summary>
public sealed class GeminiChatClient : IChatClient
{
    /// <summary>The provider name <c>AddGemini</c> registers: model ids read <c>google/gemini-2.5-flash</c>.</summary>
    public const string DefaultProviderName = "google";

    private readonly ProviderTransport _transport;
    private readonly ChatClientMetadata _metadata;

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
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        options ??= new HttpProviderOptions();
        _transport = new ProviderTransport(providerName, httpClient, options.BaseUrl ?? DefaultBaseUrl, options, apiKey, timeProvider ?? TimeProvider.System, ReadError);
        _metadata = new ChatClientMetadata(providerName, _transport.BaseUrl, options.DefaultModelId);
    }

    /// <summary>Google's public endpoint, <c>https://generativelanguage.googleapis.com/</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://generativelanguage.googleapis.com/");

    private static Func<HttpClient> NonNull(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ModelOf(options);
        using var request = CreateRequest(messages, options, model, stream: false);
        using var response = await _transport.SendAsync(request, model, cancellationToken).ConfigureAwait(false);
        using var document = await _transport.ReadJsonAsync(response, model, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (_transport.ErrorFromBody(root, 200, model, null, "in a 200 answer") is { } error)
        {
            throw error;
        }

        var chunk = ParseChunk(root, model, requireCandidate: true);
        var reply = new ChatMessage(ChatRole.Assistant, chunk.Contents) { MessageId = chunk.ResponseId };
        return new ChatResponse(reply)
        {
            ResponseId = chunk.ResponseId,
            ModelId = chunk.ModelId,
            FinishReason = ProviderJson.FinishReason(chunk.FinishReason),
            Usage = chunk.Usage,
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ModelOf(options);
        using var request = CreateRequest(messages, options, model, stream: true);
        using var response = await _transport.SendAsync(request, model, cancellationToken).ConfigureAwait(false);

        var finished = false;
        await foreach (var sse in _transport.ReadEventsAsync(response, model, cancellationToken).ConfigureAwait(false))
        {
            using var document = _transport.ParseEvent(sse, model);
            var root = document.RootElement;
            if (_transport.ErrorFromBody(root, 200, model, null, "mid-stream") is { } error)
            {
                throw error;
            }

            var chunk = ParseChunk(root, model, requireCandidate: false);
            var update = new ChatResponseUpdate(ChatRole.Assistant, chunk.Contents)
            {
                ResponseId = chunk.ResponseId,
                MessageId = chunk.ResponseId,
                ModelId = chunk.ModelId,
                FinishReason = ProviderJson.FinishReason(chunk.FinishReason),
            };
            if (chunk.FinishReason is not null)
            {
                finished = true;
                if (chunk.Usage is { } usage)
                {
                    update.Contents.Add(new UsageContent(usage));
                }
            }

            if (update.Contents.Count > 0 || update.FinishReason is not null)
            {
                yield return update;
            }
        }

        if (!finished)
        {
            throw _transport.InvalidResponse(model, "ended its event stream without a finishReason: the answer may be cut off", 200);
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the <see cref="HttpClient"/> belongs to its factory.</summary>
    public void Dispose()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"GeminiChatClient({_transport.ProviderName}, {_transport.BaseUrl})";

    internal static ProviderError? ReadError(JsonElement root)
    {
        // {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED","details":[{"@type":"...ErrorInfo","reason":"..."},
        //  {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"26s"}]}}; the streaming endpoint may wrap it in an array.
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
        }

        if (ProviderJson.Property(root, "error") is not { ValueKind: JsonValueKind.Object } error)
        {
            return null;
        }

        string? reason = null;
        TimeSpan? retryDelay = null;
        if (ProviderJson.Property(error, "details") is { ValueKind: JsonValueKind.Array } details)
        {
            foreach (var detail in details.EnumerateArray())
            {
                var type = ProviderJson.String(detail, "@type") ?? string.Empty;
                if (type.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
                {
                    reason ??= ProviderJson.String(detail, "reason");
                }
                else if (type.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal) && ProviderJson.String(detail, "retryDelay") is { } delay)
                {
                    retryDelay = RetryAfterParser.ParseDuration(delay);
                }
            }
        }

        return new ProviderError(ProviderJson.String(error, "status"), reason, ProviderJson.String(error, "message"), retryDelay);
    }

    private string ModelOf(ChatOptions? options)
    {
        var model = options?.ModelId ?? _transport.Options.DefaultModelId
            ?? throw new ArgumentException($"No model id: set ChatOptions.ModelId or HttpProviderOptions.DefaultModelId for provider '{_transport.ProviderName}'.", nameof(options));
        return model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
    }

    private HttpRequestMessage CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream)
    {
        var body = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(body))
        {
            WriteBody(writer, messages, options);
        }

        var path = "v1beta/models/" + Uri.EscapeDataString(model) + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        var request = _transport.CreatePost(path, body);
        if (_transport.ApiKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
        }

        if (stream)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return request;
    }

    private void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        writer.WriteStartObject();

        var system = new StringBuilder();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                if (system.Length > 0)
                {
                    system.Append("\n\n");
                }

                system.Append(ProviderJson.TextOf(message));
            }

            foreach (var content in message.Contents)
            {
                if (content is FunctionCallContent call)
                {
                    callNames[call.CallId] = call.Name;
                }
            }
        }

        if (system.Length > 0)
        {
            writer.WritePropertyName("systemInstruction");
            writer.WriteStartObject();
            writer.WritePropertyName("parts");
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("text", system.ToString());
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WritePropertyName("contents");
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            if (message.Role != ChatRole.System)
            {
                WriteContent(writer, message, callNames);
            }
        }

        writer.WriteEndArray();

        var tools = false;
        if (options?.Tools is { Count: > 0 })
        {
            foreach (var tool in options.Tools)
            {
                if (tool is not AIFunctionDeclaration function)
                {
                    continue;
                }

                if (!tools)
                {
                    writer.WritePropertyName("tools");
                    writer.WriteStartArray();
                    writer.WriteStartObject();
                    writer.WritePropertyName("functionDeclarations");
                    writer.WriteStartArray();
                    tools = true;
                }

                writer.WriteStartObject();
                writer.WriteString("name", function.Name);
                if (!string.IsNullOrEmpty(function.Description))
                {
                    writer.WriteString("description", function.Description);
                }

                if (function.JsonSchema is { ValueKind: JsonValueKind.Object } parameters
                    && (!parameters.TryGetProperty("properties", out var properties) || properties.EnumerateObject().MoveNext()))
                {
                    writer.WritePropertyName("parameters");
                    ProviderJson.WriteOpenApiSchema(writer, parameters);
                }

                writer.WriteEndObject();
            }

            if (tools)
            {
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
        }

        if (tools && options!.ToolMode is { } mode and not AutoChatToolMode)
        {
            writer.WritePropertyName("toolConfig");
            writer.WriteStartObject();
            writer.WritePropertyName("functionCallingConfig");
            writer.WriteStartObject();
            writer.WriteString("mode", mode is NoneChatToolMode ? "NONE" : "ANY");
            if (mode is RequiredChatToolMode { RequiredFunctionName: { } name })
            {
                writer.WritePropertyName("allowedFunctionNames");
                writer.WriteStartArray();
                writer.WriteStringValue(name);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WritePropertyName("generationConfig");
        writer.WriteStartObject();
        if (options?.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (options?.TopP is { } topP)
        {
            writer.WriteNumber("topP", topP);
        }

        if (options?.TopK is { } topK)
        {
            writer.WriteNumber("topK", topK);
        }

        if ((options?.MaxOutputTokens ?? _transport.Options.DefaultMaxOutputTokens) is { } maxTokens)
        {
            writer.WriteNumber("maxOutputTokens", maxTokens);
        }

        if (options?.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            writer.WritePropertyName("stopSequences");
            writer.WriteStartArray();
            foreach (var stop in stops)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            writer.WriteString("responseMimeType", "application/json");
            if (json.Schema is { } schema)
            {
                writer.WritePropertyName("responseSchema");
                ProviderJson.WriteOpenApiSchema(writer, schema);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter writer, ChatMessage message, Dictionary<string, string> callNames)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role == ChatRole.Assistant ? "model" : "user");
        writer.WritePropertyName("parts");
        writer.WriteStartArray();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    writer.WriteStartObject();
                    writer.WriteString("text", text.Text);
                    writer.WriteEndObject();
                    break;
                case FunctionCallContent call:
                    writer.WriteStartObject();
                    writer.WritePropertyName("functionCall");
                    writer.WriteStartObject();
                    writer.WriteString("name", call.Name);
                    writer.WritePropertyName("args");
                    ProviderJson.WriteArguments(writer, call.Arguments);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case FunctionResultContent result:
                    writer.WriteStartObject();
                    writer.WritePropertyName("functionResponse");
                    writer.WriteStartObject();
                    writer.WriteString("name", callNames.TryGetValue(result.CallId, out var name) ? name : result.CallId);
                    writer.WritePropertyName("response");
                    if (result.Result is JsonElement { ValueKind: JsonValueKind.Object } element)
                    {
                        element.WriteTo(writer);
                    }
                    else
                    {
                        writer.WriteStartObject();
                        writer.WritePropertyName("result");
                        ProviderJson.WriteValue(writer, result.Result);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case DataContent data:
                    writer.WriteStartObject();
                    writer.WritePropertyName("inlineData");
                    writer.WriteStartObject();
                    writer.WriteString("mimeType", data.MediaType);
                    writer.WriteString("data", data.Base64Data.Span);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case UriContent uri:
                    writer.WriteStartObject();
                    writer.WritePropertyName("fileData");
                    writer.WriteStartObject();
                    writer.WriteString("mimeType", uri.MediaType);
                    writer.WriteString("fileUri", uri.Uri.ToString());
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private (List<AIContent> Contents, string? FinishReason, UsageDetails? Usage, string? ResponseId, string ModelId) ParseChunk(JsonElement root, string model, bool requireCandidate)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw _transport.InvalidResponse(model, "returned JSON that is not an object", 200);
        }

        if (ProviderJson.Property(root, "promptFeedback") is { } feedback && ProviderJson.String(feedback, "blockReason") is { Length: > 0 } blockReason)
        {
            // Any block reason means the prompt was refused; unknown ones ("OTHER") are still a block.
            throw _transport.Blocked(FailureClassifier.KindFromFinishReason(blockReason) ?? FailureKind.ContentPolicy, model, blockReason, "blocked the prompt");
        }

        var contents = new List<AIContent>();
        string? finishReason = null;
        if (ProviderJson.Property(root, "candidates") is { ValueKind: JsonValueKind.Array } candidates && candidates.GetArrayLength() > 0)
        {
            var candidate = candidates[0];
            finishReason = ProviderJson.String(candidate, "finishReason");
            if (FailureClassifier.KindFromFinishReason(finishReason) is { } blocked)
            {
                throw _transport.Blocked(blocked, model, finishReason!, "stopped the answer");
            }

            if (ProviderJson.Property(candidate, "content") is { } content && ProviderJson.Property(content, "parts") is { ValueKind: JsonValueKind.Array } parts)
            {
                var callIndex = 0;
                foreach (var part in parts.EnumerateArray())
                {
                    if (ProviderJson.String(part, "text") is { } text)
                    {
                        var thought = ProviderJson.Property(part, "thought") is { ValueKind: JsonValueKind.True };
                        contents.Add(thought ? new TextReasoningContent(text) : new TextContent(text));
                    }
                    else if (ProviderJson.Property(part, "functionCall") is { } call)
                    {
                        var name = ProviderJson.String(call, "name")
                            ?? throw _transport.InvalidResponse(model, "returned a functionCall without a name", 200);
                        var id = ProviderJson.String(call, "id") ?? $"{name}_{callIndex}";
                        callIndex++;
                        contents.Add(new FunctionCallContent(id, name, ProviderJson.Property(call, "args") is { } args ? ProviderJson.ArgumentsFrom(args) : new Dictionary<string, object?>()));
                    }
                }
            }
            else if (requireCandidate && finishReason is null)
            {
                throw _transport.InvalidResponse(model, "returned a candidate without content", 200);
            }
        }
        else if (requireCandidate)
        {
            throw _transport.InvalidResponse(model, "returned JSON without 'candidates'", 200);
        }

        UsageDetails? usage = null;
        if (ProviderJson.Property(root, "usageMetadata") is { ValueKind: JsonValueKind.Object } metadata)
        {
            var input = ProviderJson.Int64(metadata, "promptTokenCount");
            var output = ProviderJson.Int64(metadata, "candidatesTokenCount");
            var thoughts = ProviderJson.Int64(metadata, "thoughtsTokenCount");
            usage = new UsageDetails
            {
                InputTokenCount = input,
                OutputTokenCount = thoughts is { } t ? (output ?? 0) + t : output,
                TotalTokenCount = ProviderJson.Int64(metadata, "totalTokenCount"),
                CachedInputTokenCount = ProviderJson.Int64(metadata, "cachedContentTokenCount"),
                ReasoningTokenCount = thoughts,
            };
        }

        return (contents, finishReason, usage, ProviderJson.String(root, "responseId"), ProviderJson.String(root, "modelVersion") ?? model);
    }
}
