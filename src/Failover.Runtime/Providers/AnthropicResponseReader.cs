using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>Reads Messages API answers for <see cref="AnthropicChatClient"/>: error bodies and whole responses.</summary>
internal static class AnthropicResponseReader
{
    public static ProviderError? ReadError(JsonElement root)
    {
        // {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"..."}
        if (ProviderJson.Property(root, "error") is not { ValueKind: JsonValueKind.Object } error)
        {
            return null;
        }

        return new ProviderError(ProviderJson.String(error, "type"), null, ProviderJson.String(error, "message"));
    }

    public static ChatResponse ParseResponse(ProviderTransport transport, JsonElement root, string model, bool jsonMode)
    {
        if (ProviderJson.String(root, "type") == "error" || ProviderJson.Property(root, "error") is { ValueKind: JsonValueKind.Object })
        {
            throw transport.ErrorFromBody(root, 200, model, null, "in a 200 answer")
                ?? transport.InvalidResponse(model, "returned an error without details", 200);
        }

        if (ProviderJson.Property(root, "content") is not { ValueKind: JsonValueKind.Array } blocks)
        {
            throw transport.InvalidResponse(model, "returned JSON without 'content'", 200);
        }

        var stop = ProviderJson.String(root, "stop_reason");
        if (FailureClassifier.KindFromFinishReason(stop) is { } blocked)
        {
            throw transport.Blocked(blocked, model, stop!, "refused the request");
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
                        ?? throw transport.InvalidResponse(model, "returned a tool_use block without a name", 200);
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
