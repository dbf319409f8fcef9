using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Reads Gemini answers for <see cref="GeminiChatClient"/>: error bodies (with <c>RetryInfo</c>), whole responses and
/// the chunks a response or a stream is made of.
/// </summary>
internal static class GeminiResponseReader
{
    public static ProviderError? ReadError(JsonElement root)
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

    public static ChatResponse ParseResponse(ProviderTransport transport, JsonElement root, string model)
    {
        if (transport.ErrorFromBody(root, 200, model, null, "in a 200 answer") is { } error)
        {
            throw error;
        }

        var chunk = ParseChunk(transport, root, model, requireCandidate: true);
        var reply = new ChatMessage(ChatRole.Assistant, chunk.Contents) { MessageId = chunk.ResponseId };
        return new ChatResponse(reply)
        {
            ResponseId = chunk.ResponseId,
            ModelId = chunk.ModelId,
            FinishReason = ProviderJson.FinishReason(chunk.FinishReason),
            Usage = chunk.Usage,
        };
    }

    public static (List<AIContent> Contents, string? FinishReason, UsageDetails? Usage, string? ResponseId, string ModelId) ParseChunk(ProviderTransport transport, JsonElement root, string model, bool requireCandidate)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw transport.InvalidResponse(model, "returned JSON that is not an object", 200);
        }

        if (ProviderJson.Property(root, "promptFeedback") is { } feedback && ProviderJson.String(feedback, "blockReason") is { Length: > 0 } blockReason)
        {
            // Any block reason means the prompt was refused; unknown ones ("OTHER") are still a block.
            throw transport.Blocked(FailureClassifier.KindFromFinishReason(blockReason) ?? FailureKind.ContentPolicy, model, blockReason, "blocked the prompt");
        }

        var contents = new List<AIContent>();
        string? finishReason = null;
        if (ProviderJson.Property(root, "candidates") is { ValueKind: JsonValueKind.Array } candidates && candidates.GetArrayLength() > 0)
        {
            var candidate = candidates[0];
            finishReason = ProviderJson.String(candidate, "finishReason");
            if (FailureClassifier.KindFromFinishReason(finishReason) is { } blocked)
            {
                throw transport.Blocked(blocked, model, finishReason!, "stopped the answer");
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
                            ?? throw transport.InvalidResponse(model, "returned a functionCall without a name", 200);
                        var id = ProviderJson.String(call, "id") ?? $"{name}_{callIndex}";
                        callIndex++;
                        contents.Add(new FunctionCallContent(id, name, ProviderJson.Property(call, "args") is { } args ? ProviderJson.ArgumentsFrom(args) : new Dictionary<string, object?>()));
                    }
                }
            }
            else if (requireCandidate && finishReason is null)
            {
                throw transport.InvalidResponse(model, "returned a candidate without content", 200);
            }
        }
        else if (requireCandidate)
        {
            throw transport.InvalidResponse(model, "returned JSON without 'candidates'", 200);
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
