using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failover.Testing.Internal;

/// <summary>Google Gemini generateContent and streamGenerateContent.</summary>
internal sealed class GeminiDialect : Dialect
{
    public override SimulatedProvider Provider => SimulatedProvider.Gemini;

    public override string Eol => "\r\n";

    public override string StreamContentType(ParsedRequest request) =>
        request.GeminiSse ? "text/event-stream" : "application/json; charset=UTF-8";

    public override ErrorAnswer? CheckAuth(HttpRequest request, ParsedRequest parsed, DateTimeOffset now)
    {
        if (!string.IsNullOrEmpty(request.Headers["x-goog-api-key"].ToString()) || !string.IsNullOrEmpty(request.Query["key"].ToString()))
        {
            return null;
        }

        return Answer(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    }

    public override ParsedRequest Parse(string body, string? pathModel, HttpRequest request)
    {
        var parsed = new ParsedRequest
        {
            Model = pathModel,
            GeminiSse = string.Equals(request.Query["alt"].ToString(), "sse", StringComparison.OrdinalIgnoreCase),
        };
        var root = Wire.ParseObject(body);
        if (root is null)
        {
            parsed.Invalid = "Invalid JSON payload received. Unexpected token.";
            return parsed;
        }

        var config = root["generationConfig"] as JsonObject;
        parsed.WantsJson = Wire.Str(config?["responseMimeType"]) == "application/json" || config?["responseSchema"] is not null || config?["responseJsonSchema"] is not null;
        parsed.MaxOutputTokens = Wire.Int(config?["maxOutputTokens"]);
        var chars = Wire.ContentText(root["systemInstruction"]?["parts"]).Length;
        parsed.OffersTools = root["tools"] is JsonArray tools && tools.Any(static t => t?["functionDeclarations"] is JsonArray { Count: > 0 });
        if (root["contents"] is JsonArray contents && contents.Count > 0)
        {
            parsed.AnswersTool = contents[^1]?["parts"] is JsonArray lastParts && lastParts.Any(static p => p?["functionResponse"] is JsonObject);
            foreach (var c in contents)
            {
                var text = Wire.ContentText(c?["parts"]);
                chars += text.Length;
                if ((Wire.Str(c?["role"]) ?? "user") == "user")
                {
                    parsed.LastUserMessage = text;
                }

                parsed.EndsWithAssistant = Wire.Str(c?["role"]) == "model";
            }
        }
        else
        {
            parsed.Invalid = "* GenerateContentRequest.contents: contents is not specified";
        }

        parsed.PromptTokens = (chars + 3) / 4;
        return parsed;
    }

    public override string JsonBody(ParsedRequest request, Reply reply) =>
        reply.ToolCall is { } call
            ? Wire.Json(Chunk(request, FunctionCallPart(call), "STOP", reply.PromptTokens, reply.CompletionTokens, Wire.RandomId(string.Empty, 22)))
            : Wire.Json(Chunk(request, reply.Text, reply.Truncated ? "MAX_TOKENS" : "STOP", reply.PromptTokens, reply.CompletionTokens, Wire.RandomId(string.Empty, 22)));

    public override List<string> StreamEvents(ParsedRequest request, Reply reply)
    {
        var id = Wire.RandomId(string.Empty, 22);
        if (reply.ToolCall is { } call)
        {
            // Gemini sends a function call whole, in one chunk, with the finish reason.
            return Frame(request, [Wire.Json(Chunk(request, FunctionCallPart(call), "STOP", reply.PromptTokens, reply.CompletionTokens, id))]);
        }

        var pieces = Wire.Pieces(reply.Text);
        var jsons = new List<string>();
        var sent = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var last = i == pieces.Count - 1;
            sent += pieces[i].Length;
            var finish = last ? (reply.Truncated ? "MAX_TOKENS" : "STOP") : null;
            var output = last ? reply.CompletionTokens : Wire.Tokens(reply.Text[..sent]);
            jsons.Add(Wire.Json(Chunk(request, pieces[i], finish, reply.PromptTokens, output, id)));
        }

        return Frame(request, jsons);
    }

    public override List<string> MalformedStreamEvents(ParsedRequest request) =>
        Frame(request, ["{\"candidates\": [{\"content\": oops"]);

    public override int LeadingEvents => 0;

    public override int TrailingEvents(ParsedRequest request) => 1;

    public override int EndMarkerEvents => 0;

    public override string MalformedEvent(ParsedRequest request) =>
        request.GeminiSse ? Event(null, "{\"candidates\": [{\"content\": oops") : "," + Eol + "{\"candidates\": [{\"content\": oops";

    public override string ContentEvent(ParsedRequest request, string text, bool first)
    {
        var json = Wire.Json(Chunk(request, text, null, request.PromptTokens, Wire.Tokens(text), "simulator"));
        return request.GeminiSse ? Event(null, json) : (first ? "[" : "," + Eol) + json;
    }

    public override IEnumerable<KeyValuePair<string, string>> CommonHeaders()
    {
        yield return Wire.H("server", "scaffolding on HTTPServer2");
    }

    public override ErrorAnswer Error(SimulatedBehavior behavior, ParsedRequest request, int contextWindow, DateTimeOffset now)
    {
        var model = request.Model ?? "unknown";
        switch (behavior.Kind)
        {
            case SimulatedBehaviorKind.RateLimited:
            {
                var delay = behavior.RetryAfter ?? TimeSpan.Zero;
                var details = behavior.RetryAfterForm != RetryAfterForm.Seconds ? null : new JsonArray(new JsonObject
                {
                    ["@type"] = "type.googleapis.com/google.rpc.RetryInfo",
                    ["retryDelay"] = Wire.Seconds(delay) + "s",
                });
                return Answer(429, "RESOURCE_EXHAUSTED", behavior.Message ?? "You exceeded your current quota, please check your plan and billing details.", details, Wire.RetryAfter(behavior, now));
            }

            case SimulatedBehaviorKind.Overloaded:
                return Answer(503, "UNAVAILABLE", behavior.Message ?? "The model is overloaded. Please try again later.");
            case SimulatedBehaviorKind.ServerError:
                return Answer(500, "INTERNAL", behavior.Message ?? "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
            case SimulatedBehaviorKind.Unauthorized:
                return Answer(401, "UNAUTHENTICATED", behavior.Message ?? "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
            case SimulatedBehaviorKind.ModelNotFound:
                return Answer(404, "NOT_FOUND", behavior.Message ?? $"models/{model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.");
            case SimulatedBehaviorKind.ContextLengthExceeded:
            {
                var used = Math.Max(request.PromptTokens, contextWindow + 1);
                return Answer(400, "INVALID_ARGUMENT", behavior.Message ?? $"The input token count ({used.ToString(CultureInfo.InvariantCulture)}) exceeds the maximum number of tokens allowed ({contextWindow.ToString(CultureInfo.InvariantCulture)}).");
            }

            case SimulatedBehaviorKind.ContentPolicy:
            {
                // Gemini answers a blocked prompt with 200, no candidates and promptFeedback.blockReason.
                var body = new JsonObject
                {
                    ["promptFeedback"] = new JsonObject
                    {
                        ["blockReason"] = "SAFETY",
                        ["safetyRatings"] = new JsonArray(new JsonObject { ["category"] = "HARM_CATEGORY_DANGEROUS_CONTENT", ["probability"] = "HIGH" }),
                    },
                    ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = request.PromptTokens, ["totalTokenCount"] = request.PromptTokens },
                    ["modelVersion"] = model,
                };
                return new ErrorAnswer(200, Wire.Json(body), []);
            }

            case SimulatedBehaviorKind.MalformedRequest:
                return Answer(400, "INVALID_ARGUMENT", behavior.Message ?? "Request contains an invalid argument.");
            case SimulatedBehaviorKind.PrefillRejected:
                return Answer(400, "INVALID_ARGUMENT", behavior.Message ?? "Please ensure that multiturn requests end with a user role or a function response.");
            default:
            {
                var status = behavior.StatusCode ?? 500;
                var (code, message) = status switch
                {
                    400 => ("INVALID_ARGUMENT", "Request contains an invalid argument."),
                    401 => ("UNAUTHENTICATED", "Request had invalid authentication credentials."),
                    403 => ("PERMISSION_DENIED", "The caller does not have permission."),
                    404 => ("NOT_FOUND", $"models/{model} is not found for API version v1beta."),
                    409 => ("ABORTED", "The operation was aborted."),
                    429 => ("RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
                    499 => ("CANCELLED", "The operation was cancelled."),
                    501 => ("UNIMPLEMENTED", "Operation is not implemented."),
                    503 => ("UNAVAILABLE", "The model is overloaded. Please try again later."),
                    504 => ("DEADLINE_EXCEEDED", "Deadline expired before operation could complete."),
                    >= 500 => ("INTERNAL", "An internal error has occurred."),
                    _ => ("FAILED_PRECONDITION", "Precondition check failed."),
                };
                return Answer(status, code, behavior.Message ?? message);
            }
        }
    }

    private List<string> Frame(ParsedRequest request, List<string> jsons)
    {
        var events = new List<string>();
        for (var i = 0; i < jsons.Count; i++)
        {
            if (request.GeminiSse)
            {
                events.Add(Event(null, jsons[i]));
            }
            else
            {
                // Without alt=sse Gemini streams one JSON array, element by element.
                events.Add((i == 0 ? "[" : "," + Eol) + jsons[i] + (i == jsons.Count - 1 ? "]" : string.Empty));
            }
        }

        return events;
    }

    private static JsonObject FunctionCallPart(ToolCallReply call) =>
        new() { ["functionCall"] = new JsonObject { ["name"] = call.Name, ["args"] = Wire.ArgumentsObject(call.Arguments) } };

    private static JsonObject Chunk(ParsedRequest request, string text, string? finish, int prompt, int output, string id) =>
        Chunk(request, new JsonObject { ["text"] = text }, finish, prompt, output, id);

    private static JsonObject Chunk(ParsedRequest request, JsonObject part, string? finish, int prompt, int output, string id)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = new JsonArray(part), ["role"] = "model" },
        };
        if (finish is not null)
        {
            candidate["finishReason"] = finish;
        }

        candidate["index"] = 0;
        var usage = new JsonObject { ["promptTokenCount"] = prompt };
        if (output > 0)
        {
            usage["candidatesTokenCount"] = output;
        }

        usage["totalTokenCount"] = prompt + output;
        usage["promptTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = prompt });
        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = usage,
            ["modelVersion"] = request.Model,
            ["responseId"] = id,
        };
    }

    private static ErrorAnswer Answer(int status, string code, string message, JsonArray? details = null, params KeyValuePair<string, string>[] headers)
    {
        var error = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = code };
        if (details is not null)
        {
            error["details"] = details;
        }

        return new ErrorAnswer(status, Wire.Json(new JsonObject { ["error"] = error }), headers);
    }
}
