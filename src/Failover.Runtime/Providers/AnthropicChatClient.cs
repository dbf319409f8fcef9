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
public sealed class AnthropicChatClient : IChatClient
{
    /// <summary>The provider name <c>AddAnthropic</c> registers.</summary>
    public const string DefaultProviderName = "anthropic";

    /// <summary>The <c>anthropic-version</c> header value sent with every request.</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary>The <c>max_tokens</c> sent when neither the request nor the options set one.</summary>
    public const int DefaultMaxTokens = 4096;

    private const string JsonInstruction = "Respond with a single JSON value only: no prose, no Markdown code fences.";

    private readonly ProviderTransport _transport;
    private readonly ChatClientMetadata _metadata;

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
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        options ??= new HttpProviderOptions();
        _transport = new ProviderTransport(providerName, httpClient, options.BaseUrl ?? DefaultBaseUrl, options, apiKey, timeProvider ?? TimeProvider.System, ReadError);
        _metadata = new ChatClientMetadata(providerName, _transport.BaseUrl, options.DefaultModelId);
    }

    /// <summary>Anthropic's public endpoint, <c>https://api.anthropic.com/</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.anthropic.com/");

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
        return ParseResponse(document.RootElement, model, options?.ResponseFormat is ChatResponseFormatJson);
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

        string? messageId = null;
        string? servedModel = null;
        long? inputTokens = null;
        long? cachedTokens = null;
        var toolBlocks = new Dictionary<long, (string Id, string Name, StringBuilder Json)>();
        var stopped = false;
        await foreach (var sse in _transport.ReadEventsAsync(response, model, cancellationToken).ConfigureAwait(false))
        {
            using var document = _transport.ParseEvent(sse, model);
            var root = document.RootElement;
            var type = ProviderJson.String(root, "type") ?? sse.Event;
            ChatResponseUpdate? update = null;
            switch (type)
            {
                case "error":
                    throw _transport.ErrorFromBody(root, 200, model, null, "mid-stream")
                        ?? _transport.InvalidResponse(model, "sent an error event without details", 200);
                case "message_start":
                    if (ProviderJson.Property(root, "message") is { } message)
                    {
                        messageId = ProviderJson.String(message, "id");
                        servedModel = ProviderJson.String(message, "model");
                        if (ProviderJson.Property(message, "usage") is { } startUsage)
                        {
                            inputTokens = ProviderJson.Int64(startUsage, "input_tokens");
                            cachedTokens = ProviderJson.Int64(startUsage, "cache_read_input_tokens");
                        }
                    }

                    break;
                case "content_block_start":
                    if (ProviderJson.Property(root, "content_block") is { } block && ProviderJson.String(block, "type") == "tool_use")
                    {
                        toolBlocks[ProviderJson.Int64(root, "index") ?? 0] =
                            (ProviderJson.String(block, "id") ?? string.Empty, ProviderJson.String(block, "name") ?? string.Empty, new StringBuilder());
                    }

                    break;
                case "content_block_delta":
                    if (ProviderJson.Property(root, "delta") is { } delta)
                    {
                        switch (ProviderJson.String(delta, "type"))
                        {
                            case "text_delta" when ProviderJson.String(delta, "text") is { Length: > 0 } text:
                                update = NewUpdate(messageId, servedModel ?? model);
                                update.Contents.Add(new TextContent(text));
                                break;
                            case "thinking_delta" when ProviderJson.String(delta, "thinking") is { Length: > 0 } thinking:
                                update = NewUpdate(messageId, servedModel ?? model);
                                update.Contents.Add(new TextReasoningContent(thinking));
                                break;
                            case "input_json_delta" when toolBlocks.TryGetValue(ProviderJson.Int64(root, "index") ?? 0, out var tool):
                                tool.Json.Append(ProviderJson.String(delta, "partial_json"));
                                break;
                        }
                    }

                    break;
                case "content_block_stop":
                    if (toolBlocks.Remove(ProviderJson.Int64(root, "index") ?? 0, out var finished))
                    {
                        update = NewUpdate(messageId, servedModel ?? model);
                        update.Contents.Add(ProviderJson.FunctionCall(finished.Id, finished.Name, finished.Json.ToString()));
                    }

                    break;
                case "message_delta":
                    update = NewUpdate(messageId, servedModel ?? model);
                    if (ProviderJson.Property(root, "delta") is { } messageDelta && ProviderJson.String(messageDelta, "stop_reason") is { } stop)
                    {
                        if (FailureClassifier.KindFromFinishReason(stop) is { } blocked)
                        {
                            throw _transport.Blocked(blocked, model, stop, "stopped the stream: the model refused");
                        }

                        update.FinishReason = ProviderJson.FinishReason(stop);
                    }

                    if (ProviderJson.Property(root, "usage") is { } usage)
                    {
                        var output = ProviderJson.Int64(usage, "output_tokens");
                        var input = ProviderJson.Int64(usage, "input_tokens") ?? inputTokens;
                        update.Contents.Add(new UsageContent(new UsageDetails
                        {
                            InputTokenCount = input,
                            OutputTokenCount = output,
                            TotalTokenCount = input + output,
                            CachedInputTokenCount = ProviderJson.Int64(usage, "cache_read_input_tokens") ?? cachedTokens,
                        }));
                    }

                    break;
                case "message_stop":
                    stopped = true;
                    break;
            }

            if (update is not null)
            {
                yield return update;
            }

            if (stopped)
            {
                break;
            }
        }

        if (!stopped)
        {
            throw _transport.InvalidResponse(model, "ended its event stream without message_stop: the answer may be cut off", 200);
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
    public override string ToString() => $"AnthropicChatClient({_transport.ProviderName}, {_transport.BaseUrl})";

    internal static ProviderError? ReadError(JsonElement root)
    {
        // {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"..."}
        if (ProviderJson.Property(root, "error") is not { ValueKind: JsonValueKind.Object } error)
        {
            return null;
        }

        return new ProviderError(ProviderJson.String(error, "type"), null, ProviderJson.String(error, "message"));
    }

    private static ChatResponseUpdate NewUpdate(string? messageId, string model) => new()
    {
        ResponseId = messageId,
        MessageId = messageId,
        ModelId = model,
        Role = ChatRole.Assistant,
    };

    private string ModelOf(ChatOptions? options) =>
        options?.ModelId ?? _transport.Options.DefaultModelId
        ?? throw new ArgumentException($"No model id: set ChatOptions.ModelId or HttpProviderOptions.DefaultModelId for provider '{_transport.ProviderName}'.", nameof(options));

    private HttpRequestMessage CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream)
    {
        var body = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(body))
        {
            WriteBody(writer, messages, options, model, stream);
        }

        var request = _transport.CreatePost("v1/messages", body);
        if (_transport.ApiKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key);
        }

        request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        if (stream)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return request;
    }

    private void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream)
    {
        writer.WriteStartObject();
        writer.WriteString("model", model);
        writer.WriteNumber("max_tokens", options?.MaxOutputTokens ?? _transport.Options.DefaultMaxOutputTokens ?? DefaultMaxTokens);

        var system = new StringBuilder();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                AppendParagraph(system, ProviderJson.TextOf(message));
            }
        }

        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            AppendParagraph(system, JsonInstruction);
            if (json.Schema is { } schema)
            {
                AppendParagraph(system, "The JSON must conform to this JSON Schema:\n" + schema.GetRawText());
            }
        }

        if (system.Length > 0)
        {
            writer.WriteString("system", system.ToString());
        }

        writer.WritePropertyName("messages");
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            if (message.Role != ChatRole.System)
            {
                WriteMessage(writer, message);
            }
        }

        writer.WriteEndArray();

        if (options?.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (options?.TopP is { } topP)
        {
            writer.WriteNumber("top_p", topP);
        }

        if (options?.TopK is { } topK)
        {
            writer.WriteNumber("top_k", topK);
        }

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            writer.WritePropertyName("stop_sequences");
            writer.WriteStartArray();
            foreach (var stop in stops)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

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
                    tools = true;
                }

                writer.WriteStartObject();
                writer.WriteString("name", function.Name);
                if (!string.IsNullOrEmpty(function.Description))
                {
                    writer.WriteString("description", function.Description);
                }

                writer.WritePropertyName("input_schema");
                ProviderJson.SchemaOrEmpty(function.JsonSchema).WriteTo(writer);
                writer.WriteEndObject();
            }

            if (tools)
            {
                writer.WriteEndArray();
            }
        }

        if (tools && options!.ToolMode is { } mode and not AutoChatToolMode)
        {
            writer.WritePropertyName("tool_choice");
            writer.WriteStartObject();
            switch (mode)
            {
                case NoneChatToolMode:
                    writer.WriteString("type", "none");
                    break;
                case RequiredChatToolMode { RequiredFunctionName: { } name }:
                    writer.WriteString("type", "tool");
                    writer.WriteString("name", name);
                    break;
                default:
                    writer.WriteString("type", "any");
                    break;
            }

            writer.WriteEndObject();
        }

        if (stream)
        {
            writer.WriteBoolean("stream", true);
        }

        writer.WriteEndObject();
    }

    private static void AppendParagraph(StringBuilder text, string paragraph)
    {
        if (paragraph.Length == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append("\n\n");
        }

        text.Append(paragraph);
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role == ChatRole.Assistant ? "assistant" : "user");

        var onlyText = true;
        foreach (var content in message.Contents)
        {
            onlyText &= content is TextContent;
        }

        if (onlyText)
        {
            writer.WriteString("content", ProviderJson.TextOf(message));
            writer.WriteEndObject();
            return;
        }

        writer.WritePropertyName("content");
        writer.WriteStartArray();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    writer.WriteStartObject();
                    writer.WriteString("type", "text");
                    writer.WriteString("text", text.Text);
                    writer.WriteEndObject();
                    break;
                case FunctionCallContent call:
                    writer.WriteStartObject();
                    writer.WriteString("type", "tool_use");
                    writer.WriteString("id", call.CallId);
                    writer.WriteString("name", call.Name);
                    writer.WritePropertyName("input");
                    ProviderJson.WriteArguments(writer, call.Arguments);
                    writer.WriteEndObject();
                    break;
                case FunctionResultContent result:
                    writer.WriteStartObject();
                    writer.WriteString("type", "tool_result");
                    writer.WriteString("tool_use_id", result.CallId);
                    if (result.Result is string resultText)
                    {
                        writer.WriteString("content", resultText);
                    }
                    else
                    {
                        var buffer = new ArrayBufferWriter<byte>();
                        using (var inner = new Utf8JsonWriter(buffer))
                        {
                            ProviderJson.WriteValue(inner, result.Result);
                        }

                        writer.WriteString("content", Encoding.UTF8.GetString(buffer.WrittenSpan));
                    }

                    if (result.Exception is not null)
                    {
                        writer.WriteBoolean("is_error", true);
                    }

                    writer.WriteEndObject();
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    writer.WriteStartObject();
                    writer.WriteString("type", "image");
                    writer.WritePropertyName("source");
                    writer.WriteStartObject();
                    writer.WriteString("type", "base64");
                    writer.WriteString("media_type", data.MediaType);
                    writer.WriteString("data", data.Base64Data.Span);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    writer.WriteStartObject();
                    writer.WriteString("type", "image");
                    writer.WritePropertyName("source");
                    writer.WriteStartObject();
                    writer.WriteString("type", "url");
                    writer.WriteString("url", uri.Uri.ToString());
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private ChatResponse ParseResponse(JsonElement root, string model, bool jsonMode)
    {
        if (ProviderJson.String(root, "type") == "error" || ProviderJson.Property(root, "error") is { ValueKind: JsonValueKind.Object })
        {
            throw _transport.ErrorFromBody(root, 200, model, null, "in a 200 answer")
                ?? _transport.InvalidResponse(model, "returned an error without details", 200);
        }

        if (ProviderJson.Property(root, "content") is not { ValueKind: JsonValueKind.Array } blocks)
        {
            throw _transport.InvalidResponse(model, "returned JSON without 'content'", 200);
        }

        var stop = ProviderJson.String(root, "stop_reason");
        if (FailureClassifier.KindFromFinishReason(stop) is { } blocked)
        {
            throw _transport.Blocked(blocked, model, stop!, "refused the request");
        }

        var id = ProviderJson.String(root, "id");
        var reply = new ChatMessage(ChatRole.Assistant, (string?)null) { MessageId = id };
        foreach (var block in blocks.EnumerateArray())
        {
            switch (ProviderJson.String(block, "type"))
            {
                case "text":
                    var text = ProviderJson.String(block, "text") ?? string.Empty;
                    reply.Contents.Add(new TextContent(jsonMode ? ProviderJson.StripCodeFence(text) : text));
                    break;
                case "thinking":
                    reply.Contents.Add(new TextReasoningContent(ProviderJson.String(block, "thinking") ?? string.Empty));
                    break;
                case "tool_use":
                    var name = ProviderJson.String(block, "name")
                        ?? throw _transport.InvalidResponse(model, "returned a tool_use block without a name", 200);
                    reply.Contents.Add(new FunctionCallContent(
                        ProviderJson.String(block, "id") ?? string.Empty,
                        name,
                        ProviderJson.Property(block, "input") is { } input ? ProviderJson.ArgumentsFrom(input) : new Dictionary<string, object?>()));
                    break;
            }
        }

        UsageDetails? usageDetails = null;
        if (ProviderJson.Property(root, "usage") is { ValueKind: JsonValueKind.Object } usage)
        {
            var input = ProviderJson.Int64(usage, "input_tokens");
            var output = ProviderJson.Int64(usage, "output_tokens");
            usageDetails = new UsageDetails
            {
                InputTokenCount = input,
                OutputTokenCount = output,
                TotalTokenCount = input + output,
                CachedInputTokenCount = ProviderJson.Int64(usage, "cache_read_input_tokens"),
            };
        }

        return new ChatResponse(reply)
        {
            ResponseId = id,
            ModelId = ProviderJson.String(root, "model") ?? model,
            FinishReason = ProviderJson.FinishReason(stop),
            Usage = usageDetails,
        };
    }
}
