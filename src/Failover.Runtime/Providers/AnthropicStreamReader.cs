using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// One streamed Messages API answer for <see cref="AnthropicChatClient"/>: <c>message_start</c> carries the id, model
/// and input usage, tool input arrives as JSON fragments per content block. The answer is complete once
/// <c>message_delta</c> carries the <c>stop_reason</c> (with the output usage); <c>message_stop</c> then ends the stream,
/// and a stream cut between the two is still a whole answer.
/// </summary>
internal sealed class AnthropicStreamReader : ChatStreamReader
{
    private readonly ProviderTransport _transport;
    private readonly string _model;
    private readonly Dictionary<long, (string Id, string Name, StringBuilder Json)> _toolBlocks = new();
    private string? _messageId;
    private string? _servedModel;
    private long? _inputTokens;
    private long? _cachedTokens;

    public AnthropicStreamReader(ProviderTransport transport, string model)
    {
        _transport = transport;
        _model = model;
    }

    public override string IncompleteMessage => "ended its event stream before message_stop (no stop_reason arrived): the answer is cut off";

    public override ChatResponseUpdate? Read(JsonElement root, string eventType)
    {
        var type = ProviderJson.String(root, "type") ?? eventType;
        ChatResponseUpdate? update = null;
        switch (type)
        {
            case "error":
                throw _transport.ErrorFromBody(root, 200, _model, null, "mid-stream")
                    ?? _transport.InvalidResponse(_model, "sent an error event without details", 200);
            case "message_start":
                if (ProviderJson.Property(root, "message") is { } message)
                {
                    _messageId = ProviderJson.String(message, "id");
                    _servedModel = ProviderJson.String(message, "model");
                    if (ProviderJson.Property(message, "usage") is { } startUsage)
                    {
                        _inputTokens = ProviderJson.Int64(startUsage, "input_tokens");
                        _cachedTokens = ProviderJson.Int64(startUsage, "cache_read_input_tokens");
                    }
                }

                break;
            case "content_block_start":
                if (ProviderJson.Property(root, "content_block") is { } block && ProviderJson.String(block, "type") == "tool_use")
                {
                    _toolBlocks[ProviderJson.Int64(root, "index") ?? 0] =
                        (ProviderJson.String(block, "id") ?? string.Empty, ProviderJson.String(block, "name") ?? string.Empty, new StringBuilder());
                }

                break;
            case "content_block_delta":
                if (ProviderJson.Property(root, "delta") is { } delta)
                {
                    switch (ProviderJson.String(delta, "type"))
                    {
                        case "text_delta" when ProviderJson.String(delta, "text") is { Length: > 0 } text:
                            update = NewUpdate(_messageId, _servedModel ?? _model);
                            update.Contents.Add(new TextContent(text));
                            break;
                        case "thinking_delta" when ProviderJson.String(delta, "thinking") is { Length: > 0 } thinking:
                            update = NewUpdate(_messageId, _servedModel ?? _model);
                            update.Contents.Add(new TextReasoningContent(thinking));
                            break;
                        case "input_json_delta" when _toolBlocks.TryGetValue(ProviderJson.Int64(root, "index") ?? 0, out var tool):
                            tool.Json.Append(ProviderJson.String(delta, "partial_json"));
                            break;
                    }
                }

                break;
            case "content_block_stop":
                if (_toolBlocks.Remove(ProviderJson.Int64(root, "index") ?? 0, out var finished))
                {
                    update = NewUpdate(_messageId, _servedModel ?? _model);
                    update.Contents.Add(ProviderJson.FunctionCall(finished.Id, finished.Name, finished.Json.ToString()));
                }

                break;
            case "message_delta":
                update = NewUpdate(_messageId, _servedModel ?? _model);
                if (ProviderJson.Property(root, "delta") is { } messageDelta && ProviderJson.String(messageDelta, "stop_reason") is { } stop)
                {
                    if (FailureClassifier.KindFromFinishReason(stop) is { } blocked)
                    {
                        throw _transport.Blocked(blocked, _model, stop, "stopped the stream: the model refused");
                    }

                    update.FinishReason = ProviderJson.FinishReason(stop);
                    Completed = true;
                }

                if (ProviderJson.Property(root, "usage") is { } usage)
                {
                    var output = ProviderJson.Int64(usage, "output_tokens");
                    var input = ProviderJson.Int64(usage, "input_tokens") ?? _inputTokens;
                    update.Contents.Add(new UsageContent(new UsageDetails
                    {
                        InputTokenCount = input,
                        OutputTokenCount = output,
                        TotalTokenCount = input + output,
                        CachedInputTokenCount = ProviderJson.Int64(usage, "cache_read_input_tokens") ?? _cachedTokens,
                    }));
                }

                break;
            case "message_stop":
                // The end of a message that started: a message_stop after a malformed or missing message_start ends
                // nothing the caller received.
                Completed |= _messageId is not null;
                Stopped = true;
                break;
        }

        return update;
    }

    private static ChatResponseUpdate NewUpdate(string? messageId, string model) => new()
    {
        ResponseId = messageId,
        MessageId = messageId,
        ModelId = model,
        Role = ChatRole.Assistant,
    };
}
