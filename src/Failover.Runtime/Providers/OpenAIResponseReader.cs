using System;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>Reads Chat Completions answers for <see cref="OpenAIChatClient"/>: error bodies, whole responses and usage.</summary>
internal static class OpenAIResponseReader
{
    public static ProviderError? ReadError(JsonElement root)
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

    public static ChatResponse ParseResponse(ProviderTransport transport, JsonElement root, string model)
    {
        if (transport.ErrorFromBody(root, 200, model, null, "in a 200 answer") is { } error)
        {
            throw error;
        }

        if (ProviderJson.Property(root, "choices") is not { ValueKind: JsonValueKind.Array } choices || choices.GetArrayLength() == 0)
        {
            throw transport.InvalidResponse(model, "returned JSON without 'choices'", 200);
        }

        var choice = choices[0];
        if (ProviderJson.Property(choice, "message") is not { ValueKind: JsonValueKind.Object } message)
        {
            throw transport.InvalidResponse(model, "returned a choice without 'message'", 200);
        }

        var finish = ProviderJson.String(choice, "finish_reason");
        if (FailureClassifier.KindFromFinishReason(finish) is { } blocked)
        {
            throw transport.Blocked(blocked, model, finish!, "withheld the answer: the content was filtered");
        }

        if (ProviderJson.String(message, "refusal") is { Length: > 0 } refusal
            && FailureClassifier.KindFromFinishReason("refusal") is { } refused)
        {
            throw transport.Blocked(refused, model, "refusal", "refused: " + Cut(transport.Redact(refusal)));
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
                    throw transport.InvalidResponse(model, "returned a tool call without a function name", 200);
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

    public static UsageDetails ParseUsage(JsonElement usage)
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

    private static string Cut(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
