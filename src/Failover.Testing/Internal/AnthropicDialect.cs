using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failover.Testing.Internal;

/// <summary>Anthropic Messages.</summary>
internal sealed class AnthropicDialect : Dialect
{
    public override SimulatedProvider Provider => SimulatedProvider.Anthropic;

    public override ErrorAnswer? CheckAuth(HttpRequest request, ParsedRequest parsed, DateTimeOffset now)
    {
        var hasKey = !string.IsNullOrEmpty(request.Headers["x-api-key"].ToString())
            || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!hasKey)
        {
            return Answer(401, "authentication_error", "x-api-key header is required");
        }

        if (string.IsNullOrEmpty(request.Headers["anthropic-version"].ToString()))
        {
            return Answer(400, "invalid_request_error", "anthropic-version: header is required");
        }

        return null;
    }

    public override ParsedRequest Parse(string body, string? pathModel, HttpRequest request)
    {
        var parsed = new ParsedRequest();
        var root = Wire.ParseObject(body);
        if (root is null)
        {
            parsed.Invalid = "There was an error parsing the body of your request.";
            return parsed;
        }

        parsed.Model = Wire.Str(root["model"]);
        parsed.Stream = Wire.Bool(root["stream"]);
        parsed.MaxOutputTokens = Wire.Int(root["max_tokens"]);
        parsed.WantsJson = root["output_format"] is JsonObject || root["output_config"]?["format"] is JsonObject;
        var chars = Wire.ContentText(root["system"]).Length;
        parsed.OffersTools = root["tools"] is JsonArray { Count: > 0 };
        if (root["messages"] is JsonArray messages)
        {
            parsed.AnswersTool = messages.Count > 0 && messages[^1]?["content"] is JsonArray blocks
                && blocks.Any(static b => Wire.Str(b?["type"]) == "tool_result");
            foreach (var m in messages)
            {
                var text = Wire.ContentText(m?["content"]);
                chars += text.Length;
                if (Wire.Str(m?["role"]) == "user")
                {
                    parsed.LastUserMessage = text;
                }

                parsed.EndsWithAssistant = Wire.Str(m?["role"]) == "assistant";
            }
        }
        else
        {
            parsed.Invalid = "messages: Field required";
        }

        if (parsed.MaxOutputTokens is null)
        {
            parsed.Invalid = "max_tokens: Field required";
        }

        if (parsed.Model is null)
        {
            parsed.Invalid = "model: Field required";
        }

        parsed.PromptTokens = (chars + 3) / 4;
        return parsed;
    }

    public override string JsonBody(ParsedRequest request, Reply reply)
    {
        var body = new JsonObject
        {
            ["id"] = Wire.RandomId("msg_01", 22),
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request.Model,
            ["content"] = new JsonArray(reply.ToolCall is { } call
                ? new JsonObject { ["type"] = "tool_use", ["id"] = Wire.RandomId("toolu_01", 22), ["name"] = call.Name, ["input"] = Wire.ArgumentsObject(call.Arguments) }
                : new JsonObject { ["type"] = "text", ["text"] = reply.Text }),
            ["stop_reason"] = StopReason(reply),
            ["stop_sequence"] = null,
            ["usage"] = Usage(reply.PromptTokens, reply.CompletionTokens),
        };
        return Wire.Json(body);
    }

    public override List<string> StreamEvents(ParsedRequest request, Reply reply)
    {
        var start = new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = Wire.RandomId("msg_01", 22),
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = request.Model,
                ["content"] = new JsonArray(),
                ["stop_reason"] = null,
                ["stop_sequence"] = null,
                ["usage"] = Usage(reply.PromptTokens, 1),
            },
        };
        var call = reply.ToolCall;
        var block = call is null
            ? new JsonObject { ["type"] = "text", ["text"] = string.Empty }
            : new JsonObject { ["type"] = "tool_use", ["id"] = Wire.RandomId("toolu_01", 22), ["name"] = call.Name, ["input"] = new JsonObject() };
        var events = new List<string>
        {
            Event("message_start", Wire.Json(start)),
            Event("content_block_start", Wire.Json(new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = block })),
            Event("ping", "{\"type\": \"ping\"}"),
        };
        if (call is not null)
        {
            foreach (var piece in Wire.ArgumentPieces(call.Arguments))
            {
                events.Add(Event("content_block_delta", Wire.Json(new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece } })));
            }
        }
        else
        {
            foreach (var piece in Wire.Pieces(reply.Text))
            {
                events.Add(Event("content_block_delta", Wire.Json(new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = piece } })));
            }
        }

        events.Add(Event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        events.Add(Event("message_delta", Wire.Json(new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(reply), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = reply.CompletionTokens },
        })));
        events.Add(Event("message_stop", "{\"type\":\"message_stop\"}"));
        return events;
    }

    public override List<string> MalformedStreamEvents(ParsedRequest request) =>
        [Event("message_start", "{\"type\":\"message_start\",\"message\": oops"), Event("message_stop", "{\"type\":\"message_stop\"}")];

    public override int LeadingEvents => 3;

    public override int TrailingEvents(ParsedRequest request) => 2;

    public override int EndMarkerEvents => 1;

    public override string MalformedEvent(ParsedRequest request) =>
        Event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\": oops}");

    public override string ContentEvent(ParsedRequest request, string text, bool first) =>
        Event("content_block_delta", Wire.Json(new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text } }));

    public override IEnumerable<KeyValuePair<string, string>> CommonHeaders()
    {
        yield return Wire.H("request-id", Wire.RandomId("req_011", 21));
    }

    public override ErrorAnswer Error(SimulatedBehavior behavior, ParsedRequest request, int contextWindow, DateTimeOffset now)
    {
        var model = request.Model ?? "unknown";
        switch (behavior.Kind)
        {
            case SimulatedBehaviorKind.RateLimited:
            {
                var delay = behavior.RetryAfter ?? TimeSpan.Zero;
                return Answer(429, "rate_limit_error", behavior.Message ?? "This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.",
                    Wire.RetryAfter(behavior, now,
                        Wire.H("anthropic-ratelimit-requests-limit", "50"),
                        Wire.H("anthropic-ratelimit-requests-remaining", "0"),
                        Wire.H("anthropic-ratelimit-requests-reset", Wire.Rfc3339(now + delay))));
            }

            case SimulatedBehaviorKind.Overloaded:
                return Answer(529, "overloaded_error", behavior.Message ?? "Overloaded");
            case SimulatedBehaviorKind.ServerError:
                return Answer(500, "api_error", behavior.Message ?? "Internal server error");
            case SimulatedBehaviorKind.Unauthorized:
                return Answer(401, "authentication_error", behavior.Message ?? "invalid x-api-key");
            case SimulatedBehaviorKind.ModelNotFound:
                return Answer(404, "not_found_error", behavior.Message ?? "model: " + model);
            case SimulatedBehaviorKind.ContextLengthExceeded:
            {
                var used = Math.Max(request.PromptTokens, contextWindow + 1);
                return Answer(400, "invalid_request_error", behavior.Message ?? $"prompt is too long: {used.ToString(CultureInfo.InvariantCulture)} tokens > {contextWindow.ToString(CultureInfo.InvariantCulture)} maximum");
            }

            case SimulatedBehaviorKind.ContentPolicy:
                return Answer(400, "invalid_request_error", behavior.Message ?? "Output blocked by content filtering policy");
            case SimulatedBehaviorKind.MalformedRequest:
                return Answer(400, "invalid_request_error", behavior.Message ?? "messages: Input should be a valid list");
            case SimulatedBehaviorKind.PrefillRejected:
                return Answer(400, "invalid_request_error", behavior.Message ?? "This model does not support assistant message prefill. The conversation must end with a user message.");
            default:
            {
                var status = behavior.StatusCode ?? 500;
                var (type, message) = status switch
                {
                    400 => ("invalid_request_error", "Invalid request"),
                    401 => ("authentication_error", "invalid x-api-key"),
                    402 => ("billing_error", "Your credit balance is too low to access the Anthropic API."),
                    403 => ("permission_error", "Your API key does not have permission to use the specified resource."),
                    404 => ("not_found_error", "model: " + model),
                    413 => ("request_too_large", "Request exceeds the maximum allowed number of bytes."),
                    429 => ("rate_limit_error", "Number of requests has exceeded your rate limit."),
                    504 => ("timeout_error", "Request timed out"),
                    529 => ("overloaded_error", "Overloaded"),
                    >= 500 => ("api_error", "Internal server error"),
                    _ => ("invalid_request_error", "Invalid request"),
                };
                return Answer(status, type, behavior.Message ?? message);
            }
        }
    }

    private static string StopReason(Reply reply) => reply.ToolCall is not null ? "tool_use" : reply.Truncated ? "max_tokens" : "end_turn";

    private static JsonObject Usage(int input, int output) => new()
    {
        ["input_tokens"] = input,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = output,
        ["service_tier"] = "standard",
    };

    private static ErrorAnswer Answer(int status, string type, string message, params KeyValuePair<string, string>[] headers)
    {
        var body = new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
            ["request_id"] = Wire.RandomId("req_011", 21),
        };
        return new ErrorAnswer(status, Wire.Json(body), headers);
    }
}
