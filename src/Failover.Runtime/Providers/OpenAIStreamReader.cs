using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// One streamed Chat Completions answer for <see cref="OpenAIChatClient"/>: text deltas pass through, tool-call
/// fragments are joined by index until the choice finishes. The answer is complete once a choice carries its
/// <c>finish_reason</c>; the usage chunk that <c>stream_options.include_usage</c> asks for may follow, then <c>[DONE]</c>,
/// but a stream that ends after the finish reason without them is still a whole answer. <c>[DONE]</c> without any
/// finish reason is not: it ends the reading, and the stream counts as interrupted.
/// </summary>
internal sealed class OpenAIStreamReader : ChatStreamReader
{
    private readonly ProviderTransport _transport;
    private readonly string _model;
    private readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> _toolCalls = new();
    private string? _responseId;

    public OpenAIStreamReader(ProviderTransport transport, string model)
    {
        _transport = transport;
        _model = model;
    }

    public override string IncompleteMessage => "ended its event stream before any choice's finish_reason: the answer is cut off";

    public override bool IsEndMarker(ReadOnlySpan<byte> data) => data.SequenceEqual("[DONE]"u8);

    public override ChatResponseUpdate? Read(JsonElement root, string eventType)
    {
        if (_transport.ErrorFromBody(root, 200, _model, null, "mid-stream") is { } streamError)
        {
            throw streamError;
        }

        _responseId ??= ProviderJson.String(root, "id");
        var update = new ChatResponseUpdate
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = ProviderJson.String(root, "model") ?? _model,
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
                            if (!_toolCalls.TryGetValue(index, out var entry))
                            {
                                entry = (null, null, new StringBuilder());
                            }

                            entry.Id ??= ProviderJson.String(call, "id");
                            if (ProviderJson.Property(call, "function") is { } function)
                            {
                                entry.Name ??= ProviderJson.String(function, "name");
                                entry.Arguments.Append(ProviderJson.String(function, "arguments"));
                            }

                            _toolCalls[index] = entry;
                        }
                    }
                }

                if (ProviderJson.String(choice, "finish_reason") is { } finish)
                {
                    if (FailureClassifier.KindFromFinishReason(finish) is { } blocked)
                    {
                        throw _transport.Blocked(blocked, _model, finish, "stopped the stream: the content was filtered");
                    }

                    update.FinishReason = ProviderJson.FinishReason(finish);
                    Completed = true;
                    foreach (var call in _toolCalls.Values)
                    {
                        update.Contents.Add(ProviderJson.FunctionCall(call.Id ?? string.Empty, call.Name ?? string.Empty, call.Arguments.ToString()));
                    }

                    _toolCalls.Clear();
                }
            }
        }

        if (ProviderJson.Property(root, "usage") is { ValueKind: JsonValueKind.Object } usage)
        {
            update.Contents.Add(new UsageContent(OpenAIResponseReader.ParseUsage(usage)));

            // Usage is the last chunk OpenAI sends before [DONE]: nothing more is expected once the choice finished.
            Stopped = Completed;
        }

        return update.Contents.Count > 0 || update.FinishReason is not null ? update : null;
    }
}
