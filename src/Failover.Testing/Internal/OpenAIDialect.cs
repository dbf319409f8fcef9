using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failover.Testing.Internal;

/// <summary>OpenAI Chat Completions.</summary>
internal sealed class OpenAIDialect : Dialect
{
    public override SimulatedProvider Provider => SimulatedProvider.OpenAI;

    public override ErrorAnswer? CheckAuth(HttpRequest request, ParsedRequest parsed, DateTimeOffset now)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && auth.Length > "Bearer ".Length)
        {
            return null;
        }

        return Answer(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null);
    }

    public override ParsedRequest Parse(string body, string? pathModel, HttpRequest request)
    {
        var parsed = new ParsedRequest();
        var root = Wire.ParseObject(body);
        if (root is null)
        {
            parsed.Invalid = "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";
            return parsed;
        }

        parsed.Model = Wire.Str(root["model"]);
        parsed.Stream = Wire.Bool(root["stream"]);
        parsed.IncludeUsage = Wire.Bool(root["stream_options"]?["include_usage"]);
        var format = Wire.Str(root["response_format"]?["type"]);
        parsed.WantsJson = format is "json_schema" or "json_object";
        parsed.MaxOutputTokens = Wire.Int(root["max_completion_tokens"]) ?? Wire.Int(root["max_tokens"]);
        var chars = 0;
        parsed.OffersTools = root["tools"] is JsonArray { Count: > 0 };
        if (root["messages"] is JsonArray messages && messages.Count > 0)
        {
            parsed.AnswersTool = Wire.Str(messages[^1]?["role"]) == "tool";
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
            parsed.Invalid = "[] is too short - 'messages'";
            parsed.InvalidParam = "messages";
        }

        if (parsed.Model is null)
        {
            parsed.Invalid = "you must provide a model parameter";
            parsed.InvalidParam = null;
        }

        parsed.PromptTokens = (chars + 3) / 4;
        return parsed;
    }

    public override string JsonBody(ParsedRequest request, Reply reply)
    {
        var body = new JsonObject
        {
            ["id"] = Wire.RandomId("chatcmpl-", 29),
            ["object"] = "chat.completion",
            ["created"] = reply.Now.ToUnixTimeSeconds(),
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = reply.ToolCall is { } call
                    ? new JsonObject
                    {
                        ["role"] = "assistant",
                        ["content"] = null,
                        ["refusal"] = null,
                        ["tool_calls"] = new JsonArray(new JsonObject
                        {
                            ["id"] = Wire.RandomId("call_", 24),
                            ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
                        }),
                        ["annotations"] = new JsonArray(),
                    }
                    : new JsonObject { ["role"] = "assistant", ["content"] = reply.Text, ["refusal"] = null, ["annotations"] = new JsonArray() },
                ["logprobs"] = null,
                ["finish_reason"] = reply.ToolCall is not null ? "tool_calls" : reply.Truncated ? "length" : "stop",
            }),
            ["usage"] = Usage(reply),
            ["service_tier"] = "default",
            ["system_fingerprint"] = "fp_simulator",
        };
        return Wire.Json(body);
    }

    public override List<string> StreamEvents(ParsedRequest request, Reply reply)
    {
        var id = Wire.RandomId("chatcmpl-", 29);
        var created = reply.Now.ToUnixTimeSeconds();
        JsonObject Chunk(JsonObject? delta, string? finish)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = request.Model,
                ["service_tier"] = "default",
                ["system_fingerprint"] = "fp_simulator",
                ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish }),
            };
            if (request.IncludeUsage)
            {
                chunk["usage"] = null;
            }

            return chunk;
        }

        var events = new List<string> { Event(null, Wire.Json(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty, ["refusal"] = null }, null))) };
        if (reply.ToolCall is { } call)
        {
            // The call's id, type and name come first with empty arguments, then the arguments in pieces.
            JsonObject Call(JsonObject function, string? callId) => new()
            {
                ["tool_calls"] = new JsonArray(callId is null
                    ? new JsonObject { ["index"] = 0, ["function"] = function }
                    : new JsonObject { ["index"] = 0, ["id"] = callId, ["type"] = "function", ["function"] = function }),
            };

            events.Add(Event(null, Wire.Json(Chunk(Call(new JsonObject { ["name"] = call.Name, ["arguments"] = string.Empty }, Wire.RandomId("call_", 24)), null))));
            foreach (var piece in Wire.ArgumentPieces(call.Arguments))
            {
                events.Add(Event(null, Wire.Json(Chunk(Call(new JsonObject { ["arguments"] = piece }, null), null))));
            }
        }
        else
        {
            foreach (var piece in Wire.Pieces(reply.Text))
            {
                events.Add(Event(null, Wire.Json(Chunk(new JsonObject { ["content"] = piece }, null))));
            }
        }

        events.Add(Event(null, Wire.Json(Chunk(new JsonObject(), reply.ToolCall is not null ? "tool_calls" : reply.Truncated ? "length" : "stop"))));
        if (request.IncludeUsage)
        {
            var usage = Chunk(null, null);
            usage["usage"] = Usage(reply);
            events.Add(Event(null, Wire.Json(usage)));
        }

        events.Add(Event(null, "[DONE]"));
        return events;
    }

    public override List<string> MalformedStreamEvents(ParsedRequest request) =>
        [Event(null, "{\"id\":\"chatcmpl-simulator\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\": oops}"), Event(null, "[DONE]")];

    public override int LeadingEvents => 1;

    public override int TrailingEvents(ParsedRequest request) => request.IncludeUsage ? 3 : 2;

    public override int EndMarkerEvents => 1;

    public override string MalformedEvent(ParsedRequest request) =>
        Event(null, "{\"id\":\"chatcmpl-simulator\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\": oops}");

    public override string ContentEvent(ParsedRequest request, string text, bool first) =>
        Event(null, Wire.Json(new JsonObject
        {
            ["id"] = "chatcmpl-simulator",
            ["object"] = "chat.completion.chunk",
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = text }, ["finish_reason"] = null }),
        }));

    public override IEnumerable<KeyValuePair<string, string>> CommonHeaders()
    {
        yield return Wire.H("x-request-id", Wire.RequestId());
        yield return Wire.H("openai-processing-ms", "1");
    }

    public override ErrorAnswer Error(SimulatedBehavior behavior, ParsedRequest request, int contextWindow, DateTimeOffset now)
    {
        var model = request.Model ?? "unknown";
        switch (behavior.Kind)
        {
            case SimulatedBehaviorKind.RateLimited:
            {
                var delay = behavior.RetryAfter ?? TimeSpan.Zero;
                var message = behavior.Message ?? $"Rate limit reached for {model} in organization org-simulator on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in {Wire.GoDuration(delay)}. Visit https://platform.openai.com/account/rate-limits to learn more.";
                return Answer(429, message, "requests", null, "rate_limit_exceeded", Wire.RetryAfter(behavior, now,
                    Wire.H("x-ratelimit-limit-requests", "500"),
                    Wire.H("x-ratelimit-remaining-requests", "0"),
                    Wire.H("x-ratelimit-reset-requests", Wire.GoDuration(delay)),
                    Wire.H("x-ratelimit-limit-tokens", "200000"),
                    Wire.H("x-ratelimit-remaining-tokens", "200000"),
                    Wire.H("x-ratelimit-reset-tokens", "0s")));
            }

            case SimulatedBehaviorKind.Overloaded:
                return Answer(503, behavior.Message ?? "The engine is currently overloaded, please try again later.", "server_error", null, null);
            case SimulatedBehaviorKind.ServerError:
                return Answer(500, behavior.Message ?? "The server had an error while processing your request. Sorry about that!", "server_error", null, null);
            case SimulatedBehaviorKind.Unauthorized:
                return Answer(401, behavior.Message ?? "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
            case SimulatedBehaviorKind.ModelNotFound:
                return Answer(404, behavior.Message ?? $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found");
            case SimulatedBehaviorKind.ContextLengthExceeded:
            {
                var used = Math.Max(request.PromptTokens, contextWindow + 1);
                return Answer(400, behavior.Message ?? $"This model's maximum context length is {contextWindow.ToString(CultureInfo.InvariantCulture)} tokens. However, your messages resulted in {used.ToString(CultureInfo.InvariantCulture)} tokens. Please reduce the length of the messages.", "invalid_request_error", "messages", "context_length_exceeded");
            }

            case SimulatedBehaviorKind.ContentPolicy:
                return Answer(400, behavior.Message ?? "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.", "invalid_request_error", null, "content_policy_violation");
            case SimulatedBehaviorKind.MalformedRequest:
                return Answer(400, behavior.Message ?? "Invalid request: the request body does not match the Chat Completions schema.", "invalid_request_error", request.InvalidParam, null);
            case SimulatedBehaviorKind.PrefillRejected:
                return Answer(400, behavior.Message ?? $"The model `{model}` does not support assistant message prefill: the last message must have role 'user' or 'tool'.", "invalid_request_error", "messages", null);
            default:
            {
                var status = behavior.StatusCode ?? 500;
                var (type, code, message) = status switch
                {
                    400 => ("invalid_request_error", (string?)null, "Invalid request."),
                    401 => ("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
                    403 => ("invalid_request_error", "unsupported_country_region_territory", "Country, region, or territory not supported."),
                    404 => ("invalid_request_error", "model_not_found", $"The model `{model}` does not exist or you do not have access to it."),
                    408 => ("server_error", null, "Request timed out."),
                    409 => ("invalid_request_error", null, "Conflict."),
                    413 => ("invalid_request_error", null, "Request too large."),
                    422 => ("invalid_request_error", null, "Unprocessable entity."),
                    429 => ("requests", "rate_limit_exceeded", $"Rate limit reached for {model}."),
                    503 => ("server_error", null, "The engine is currently overloaded, please try again later."),
                    >= 500 => ("server_error", null, "The server had an error while processing your request. Sorry about that!"),
                    _ => ("invalid_request_error", null, "Invalid request."),
                };
                return Answer(status, behavior.Message ?? message, type, null, code);
            }
        }
    }

    private static JsonObject Usage(Reply reply) => new()
    {
        ["prompt_tokens"] = reply.PromptTokens,
        ["completion_tokens"] = reply.CompletionTokens,
        ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0, ["audio_tokens"] = 0, ["accepted_prediction_tokens"] = 0, ["rejected_prediction_tokens"] = 0 },
    };

    private static ErrorAnswer Answer(int status, string message, string type, string? param, string? code, params KeyValuePair<string, string>[] headers)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
        };
        return new ErrorAnswer(status, Wire.Json(body), headers);
    }
}
