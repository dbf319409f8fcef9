using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// One streamed Chat Completions answer for <see cref="OpenAIChatClient"/>: text deltas pass through, tool-call
/// fragments are joined by index until the choice finishes, and the stream must end with <c>[DONE]</c>.
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

    public override string IncompleteMessage => "ended its event stream without [DONE]: the answer may be cut off";

    public override bool IsEndMarker(ServerSentEvent sse)
    {
        if (sse.Data == "[DONE]")
        {
            Completed = true;
            return true;
        }

        return false;
    }

    public override ChatResponseUpdate? Read(JsonElement root, ServerSentEvent sse)
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
        }

        return update.Contents.Count > 0 || update.FinishReason is not null ? update : null;
    }
}
