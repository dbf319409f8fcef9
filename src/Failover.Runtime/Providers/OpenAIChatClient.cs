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
/// An <see cref="IChatClient"/> over the OpenAI Chat Completions wire format (<c>POST {base}chat/completions</c>),
/// used for OpenAI itself and for every compatible server (Azure OpenAI v1, OpenRouter, Groq, Mistral, Together,
/// vLLM, Ollama, LM Studio). Errors are classified by <see cref="FailureClassifier"/> and thrown as
/// <see cref="ProviderException"/>s whose messages never contain headers or the key.
/// </summary>
public sealed class OpenAIChatClient : IChatClient
{
    /// <summary>The provider name <c>AddOpenAI</c> registers.</summary>
    public const string DefaultProviderName = "openai";

    private readonly ProviderTransport _transport;
    private readonly ChatClientMetadata _metadata;
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
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        options ??= new HttpProviderOptions();
        _transport = new ProviderTransport(providerName, httpClient, options.BaseUrl ?? DefaultBaseUrl, options, apiKey, timeProvider ?? TimeProvider.System, ReadError);
        _metadata = new ChatClientMetadata(providerName, _transport.BaseUrl, options.DefaultModelId);
        _maxCompletionTokens = maxCompletionTokens;
    }

    /// <summary>OpenAI's public endpoint, <c>https://api.openai.com/v1/</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.openai.com/v1/");

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
        return ParseResponse(document.RootElement, model);
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

        var done = false;
        var toolCalls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        string? responseId = null;
        await foreach (var sse in _transport.ReadEventsAsync(response, model, cancellationToken).ConfigureAwait(false))
        {
            if (sse.Data == "[DONE]")
            {
                done = true;
                break;
            }

            using var document = _transport.ParseEvent(sse, model);
            var root = document.RootElement;
            if (_transport.ErrorFromBody(root, 200, model, null, "mid-stream") is { } streamError)
            {
                throw streamError;
            }

            responseId ??= ProviderJson.String(root, "id");
            var update = new ChatResponseUpdate
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = ProviderJson.String(root, "model") ?? model,
                Role = ChatRole.Assistant,
            };

            if (ProviderJson.Property(root, "choices") is { ValueKind: JsonValueKind.Array } choices)
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    if (ProviderJson.Property(choice, "delta") is { } delta)
                    {
                        if (ProviderJson.String(delta, "content") is { Length: > 0 } text)
                        {
                            update.Contents.Add(new TextContent(text));
                        }

                        if (ProviderJson.Property(delta, "tool_calls") is { ValueKind: JsonValueKind.Array } calls)
                        {
                            foreach (var call in calls.EnumerateArray())
                            {
                                var index = (int)(ProviderJson.Int64(call, "index") ?? 0);
                                if (!toolCalls.TryGetValue(index, out var entry))
                                {
                                    entry = (null, null, new StringBuilder());
                                }

                                entry.Id ??= ProviderJson.String(call, "id");
                                if (ProviderJson.Property(call, "function") is { } function)
                                {
                                    entry.Name ??= ProviderJson.String(function, "name");
                                    entry.Arguments.Append(ProviderJson.String(function, "arguments"));
                                }

                                toolCalls[index] = entry;
                            }
                        }
                    }

                    if (ProviderJson.String(choice, "finish_reason") is { } finish)
                    {
                        if (FailureClassifier.KindFromFinishReason(finish) is { } blocked)
                        {
                            throw _transport.Blocked(blocked, model, finish, "stopped the stream: the content was filtered");
                        }

                        update.FinishReason = ProviderJson.FinishReason(finish);
                        foreach (var call in toolCalls.Values)
                        {
                            update.Contents.Add(ProviderJson.FunctionCall(call.Id ?? string.Empty, call.Name ?? string.Empty, call.Arguments.ToString()));
                        }

                        toolCalls.Clear();
                    }
                }
            }

            if (ProviderJson.Property(root, "usage") is { ValueKind: JsonValueKind.Object } usage)
            {
                update.Contents.Add(new UsageContent(ParseUsage(usage)));
            }

            if (update.Contents.Count > 0 || update.FinishReason is not null)
            {
                yield return update;
            }
        }

        if (!done)
        {
            throw _transport.InvalidResponse(model, "ended its event stream without [DONE]: the answer may be cut off", 200);
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
    public override string ToString() => $"OpenAIChatClient({_transport.ProviderName}, {_transport.BaseUrl})";

    internal static ProviderError? ReadError(JsonElement root)
    {
        // {"error":{"message":"...","type":"...","param":null,"code":"..."}}; some gateways send "error":"text".
        if (ProviderJson.Property(root, "error") is not { } error)
        {
            return null;
        }

        if (error.ValueKind == JsonValueKind.String)
        {
            return new ProviderError(null, null, error.GetString());
        }

        var code = ProviderJson.Property(error, "code") is { } c ? (c.ValueKind == JsonValueKind.String ? c.GetString() : c.ToString()) : null;
        return new ProviderError(ProviderJson.String(error, "type"), code, ProviderJson.String(error, "message"));
    }

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

        var request = _transport.CreatePost("chat/completions", body);
        if (_transport.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

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
        writer.WritePropertyName("messages");
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            WriteMessage(writer, message);
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

        if (options?.FrequencyPenalty is { } frequency)
        {
            writer.WriteNumber("frequency_penalty", frequency);
        }

        if (options?.PresencePenalty is { } presence)
        {
            writer.WriteNumber("presence_penalty", presence);
        }

        if (options?.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if ((options?.MaxOutputTokens ?? _transport.Options.DefaultMaxOutputTokens) is { } maxTokens)
        {
            // OpenAI's own API rejects max_tokens for reasoning models; compatible servers widely know only max_tokens.
            writer.WriteNumber(_maxCompletionTokens ? "max_completion_tokens" : "max_tokens", maxTokens);
        }

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            writer.WritePropertyName("stop");
            writer.WriteStartArray();
            foreach (var stop in stops)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        switch (options?.ResponseFormat)
        {
            case ChatResponseFormatJson { Schema: { } schema } json:
                writer.WritePropertyName("response_format");
                writer.WriteStartObject();
                writer.WriteString("type", "json_schema");
                writer.WritePropertyName("json_schema");
                writer.WriteStartObject();
                writer.WriteString("name", string.IsNullOrWhiteSpace(json.SchemaName) ? "response" : json.SchemaName);
                if (!string.IsNullOrWhiteSpace(json.SchemaDescription))
                {
                    writer.WriteString("description", json.SchemaDescription);
                }

                writer.WritePropertyName("schema");
                schema.WriteTo(writer);
                writer.WriteBoolean("strict", true);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case ChatResponseFormatJson:
                writer.WritePropertyName("response_format");
                writer.WriteStartObject();
                writer.WriteString("type", "json_object");
                writer.WriteEndObject();
                break;
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
                writer.WriteString("type", "function");
                writer.WritePropertyName("function");
                writer.WriteStartObject();
                writer.WriteString("name", function.Name);
                if (!string.IsNullOrEmpty(function.Description))
                {
                    writer.WriteString("description", function.Description);
                }

                writer.WritePropertyName("parameters");
                ProviderJson.SchemaOrEmpty(function.JsonSchema).WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            if (tools)
            {
                writer.WriteEndArray();
            }
        }

        if (tools)
        {
            switch (options!.ToolMode)
            {
                case NoneChatToolMode:
                    writer.WriteString("tool_choice", "none");
                    break;
                case RequiredChatToolMode { RequiredFunctionName: { } name }:
                    writer.WritePropertyName("tool_choice");
                    writer.WriteStartObject();
                    writer.WriteString("type", "function");
                    writer.WritePropertyName("function");
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case RequiredChatToolMode:
                    writer.WriteString("tool_choice", "required");
                    break;
            }
        }

        if (stream)
        {
            writer.WriteBoolean("stream", true);
            writer.WritePropertyName("stream_options");
            writer.WriteStartObject();
            writer.WriteBoolean("include_usage", true);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        // Tool results are separate "tool" messages, one per call.
        var wroteResult = false;
        foreach (var content in message.Contents)
        {
            if (content is FunctionResultContent result)
            {
                writer.WriteStartObject();
                writer.WriteString("role", "tool");
                writer.WriteString("tool_call_id", result.CallId);
                writer.WriteString("content", result.Result as string ?? ResultText(result.Result));
                writer.WriteEndObject();
                wroteResult = true;
            }
        }

        if (wroteResult && message.Role == ChatRole.Tool)
        {
            return;
        }

        var role = message.Role == ChatRole.System ? "system"
            : message.Role == ChatRole.Assistant ? "assistant"
            : message.Role == ChatRole.Tool ? "tool"
            : "user";

        writer.WriteStartObject();
        writer.WriteString("role", role);

        var hasMedia = false;
        foreach (var content in message.Contents)
        {
            hasMedia |= content is DataContent or UriContent;
        }

        if (hasMedia && role == "user")
        {
            writer.WritePropertyName("content");
            writer.WriteStartArray();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text:
                        writer.WriteStartObject();
                        writer.WriteString("type", "text");
                        writer.WriteString("text", text.Text);
                        writer.WriteEndObject();
                        break;
                    case DataContent data when data.HasTopLevelMediaType("image"):
                        WriteImage(writer, data.Uri);
                        break;
                    case UriContent uri when uri.HasTopLevelMediaType("image"):
                        WriteImage(writer, uri.Uri.ToString());
                        break;
                }
            }

            writer.WriteEndArray();
        }
        else
        {
            var text = ProviderJson.TextOf(message);
            var calls = false;
            foreach (var content in message.Contents)
            {
                calls |= content is FunctionCallContent;
            }

            if (calls && text.Length == 0)
            {
                writer.WriteNull("content");
            }
            else
            {
                writer.WriteString("content", text);
            }

            if (calls)
            {
                writer.WritePropertyName("tool_calls");
                writer.WriteStartArray();
                foreach (var content in message.Contents)
                {
                    if (content is FunctionCallContent call)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", call.CallId);
                        writer.WriteString("type", "function");
                        writer.WritePropertyName("function");
                        writer.WriteStartObject();
                        writer.WriteString("name", call.Name);
                        writer.WriteString("arguments", ProviderJson.ArgumentsToString(call.Arguments));
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteImage(Utf8JsonWriter writer, string url)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "image_url");
        writer.WritePropertyName("image_url");
        writer.WriteStartObject();
        writer.WriteString("url", url);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string ResultText(object? result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ProviderJson.WriteValue(writer, result);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private ChatResponse ParseResponse(JsonElement root, string model)
    {
        if (_transport.ErrorFromBody(root, 200, model, null, "in a 200 answer") is { } error)
        {
            throw error;
        }

        if (ProviderJson.Property(root, "choices") is not { ValueKind: JsonValueKind.Array } choices || choices.GetArrayLength() == 0)
        {
            throw _transport.InvalidResponse(model, "returned JSON without 'choices'", 200);
        }

        var choice = choices[0];
        if (ProviderJson.Property(choice, "message") is not { ValueKind: JsonValueKind.Object } message)
        {
            throw _transport.InvalidResponse(model, "returned a choice without 'message'", 200);
        }

        var finish = ProviderJson.String(choice, "finish_reason");
        if (FailureClassifier.KindFromFinishReason(finish) is { } blocked)
        {
            throw _transport.Blocked(blocked, model, finish!, "withheld the answer: the content was filtered");
        }

        if (ProviderJson.String(message, "refusal") is { Length: > 0 } refusal
            && FailureClassifier.KindFromFinishReason("refusal") is { } refused)
        {
            throw _transport.Blocked(refused, model, "refusal", "refused: " + (refusal.Length > 200 ? refusal[..200] + "..." : refusal));
        }

        var reply = new ChatMessage(ChatRole.Assistant, (string?)null);
        if (ProviderJson.String(message, "content") is { } text)
        {
            reply.Contents.Add(new TextContent(text));
        }

        if (ProviderJson.Property(message, "tool_calls") is { ValueKind: JsonValueKind.Array } calls)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = ProviderJson.Property(call, "function");
                var name = function is { } f ? ProviderJson.String(f, "name") : null;
                if (name is null)
                {
                    throw _transport.InvalidResponse(model, "returned a tool call without a function name", 200);
                }

                reply.Contents.Add(ProviderJson.FunctionCall(ProviderJson.String(call, "id") ?? string.Empty, name, ProviderJson.String(function!.Value, "arguments")));
            }
        }

        var id = ProviderJson.String(root, "id");
        reply.MessageId = id;
        return new ChatResponse(reply)
        {
            ResponseId = id,
            ModelId = ProviderJson.String(root, "model") ?? model,
            FinishReason = ProviderJson.FinishReason(finish),
            Usage = ProviderJson.Property(root, "usage") is { ValueKind: JsonValueKind.Object } usage ? ParseUsage(usage) : null,
            CreatedAt = ProviderJson.Int64(root, "created") is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : null,
        };
    }

    private static UsageDetails ParseUsage(JsonElement usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = ProviderJson.Int64(usage, "prompt_tokens"),
            OutputTokenCount = ProviderJson.Int64(usage, "completion_tokens"),
            TotalTokenCount = ProviderJson.Int64(usage, "total_tokens"),
        };
        if (ProviderJson.Property(usage, "prompt_tokens_details") is { } prompt)
        {
            details.CachedInputTokenCount = ProviderJson.Int64(prompt, "cached_tokens");
        }

        if (ProviderJson.Property(usage, "completion_tokens_details") is { } completion)
        {
            details.ReasoningTokenCount = ProviderJson.Int64(completion, "reasoning_tokens");
        }

        return details;
    }
}
