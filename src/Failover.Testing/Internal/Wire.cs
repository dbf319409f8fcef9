using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Failover.Testing.Internal;

/// <summary>A request read in a provider's wire format, reduced to what the simulator needs.</summary>
internal sealed class ParsedRequest
{
    public string? Model { get; set; }

    public bool Stream { get; set; }

    public bool IncludeUsage { get; set; }

    public bool WantsJson { get; set; }

    public bool GeminiSse { get; set; }

    public string LastUserMessage { get; set; } = string.Empty;

    /// <summary>Whether the request offers tools the model may call.</summary>
    public bool OffersTools { get; set; }

    /// <summary>Whether the last message carries a tool's result (the model is asked to finish after its call).</summary>
    public bool AnswersTool { get; set; }

    public int PromptTokens { get; set; }

    /// <summary>Whether the last message is the assistant's (a prefill): OpenAI/Anthropic role <c>assistant</c>, Gemini <c>model</c>.</summary>
    public bool EndsWithAssistant { get; set; }

    public int? MaxOutputTokens { get; set; }

    /// <summary>Set when the body cannot be accepted: the provider's 400 message.</summary>
    public string? Invalid { get; set; }

    /// <summary>The JSON field the <see cref="Invalid"/> message is about, when known.</summary>
    public string? InvalidParam { get; set; }
}

/// <summary>The reply text after the output limit, with whether it was cut.</summary>
internal readonly record struct Reply(string Text, int PromptTokens, int CompletionTokens, bool Truncated, DateTimeOffset Now)
{
    /// <summary>The tool call the model answers with instead of text, when the script asks for one.</summary>
    public ToolCallReply? ToolCall { get; init; }

    public static Reply Create(ParsedRequest request, string text, DateTimeOffset now)
    {
        var truncated = false;
        if (request.MaxOutputTokens is { } max && max > 0 && Wire.Tokens(text) > max)
        {
            text = text[..Math.Min(text.Length, max * 4)];
            truncated = true;
        }

        return new Reply(text, request.PromptTokens, Wire.Tokens(text), truncated, now);
    }
}

/// <summary>An error answer: status, body and extra headers.</summary>
internal sealed record ErrorAnswer(int Status, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>Small helpers shared by the wire formats.</summary>
internal static class Wire
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    /// <summary>Tokens estimated at about 4 characters a token (at least 1 for any non-empty text).</summary>
    public static int Tokens(string text) => text.Length == 0 ? 0 : Math.Max(1, (text.Length + 3) / 4);

    public static string RandomId(string prefix, int length) => prefix + RandomNumberGenerator.GetString(Alphanumeric, length);

    public static string RequestId() => "req_" + RandomNumberGenerator.GetString(Hex, 32);

    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool Bool(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static int? Int(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>Reads a body as a JSON object; null when it is not one.</summary>
    public static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Text of a content value: a string, or an array of parts with <c>text</c> fields.</summary>
    public static string ContentText(JsonNode? content)
    {
        if (Str(content) is { } s)
        {
            return s;
        }

        if (content is JsonArray parts)
        {
            var sb = new StringBuilder();
            foreach (var part in parts)
            {
                if (part is JsonObject o && Str(o["text"]) is { } t)
                {
                    sb.Append(t);
                }
            }

            return sb.ToString();
        }

        return string.Empty;
    }

    /// <summary>Splits a reply into stream pieces of one word each (trailing space kept), at least one piece.</summary>
    public static List<string> Pieces(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && (i + 1 == text.Length || text[i + 1] != ' '))
            {
                pieces.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length || pieces.Count == 0)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }

    /// <summary>A tool call's arguments in two stream pieces (providers stream them in fragments), or one when too short to split.</summary>
    public static List<string> ArgumentPieces(string arguments) =>
        arguments.Length < 2 ? [arguments] : [arguments[..(arguments.Length / 2)], arguments[(arguments.Length / 2)..]];

    /// <summary>A tool call's arguments as the JSON object Anthropic and Gemini carry; text that is not an object is sent as a string.</summary>
    public static JsonNode ArgumentsObject(string arguments) =>
        ParseObject(arguments) is { } parsed ? parsed : JsonValue.Create(arguments);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON with only the escaping JSON itself needs (providers send <c>&gt;</c> and <c>'</c> as is).</summary>
    public static string Json(JsonNode node) => node.ToJsonString(Relaxed);

    /// <summary>
    /// The <c>retry-after</c> header of a rate-limited answer as its behaviour writes it (delta seconds or an HTTP-date on
    /// the simulator's clock, then alone), with the provider's other hints for seconds; nothing when the behaviour gives no hint.
    /// </summary>
    public static KeyValuePair<string, string>[] RetryAfter(SimulatedBehavior behavior, DateTimeOffset now, params KeyValuePair<string, string>[] providerHints)
    {
        var delay = behavior.RetryAfter ?? TimeSpan.Zero;
        return behavior.RetryAfterForm switch
        {
            RetryAfterForm.None => [],
            // The date alone, without the provider's other hints: a client that waits the right time read the date.
            RetryAfterForm.HttpDate => [H("retry-after", (now + TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds))).ToUniversalTime().ToString("r", CultureInfo.InvariantCulture))],
            _ => [H("retry-after", Seconds(delay)), .. providerHints],
        };
    }

    /// <summary>Whole seconds, rounded up, as <c>retry-after</c> wants them.</summary>
    public static string Seconds(TimeSpan delay) =>
        ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration the way OpenAI's <c>x-ratelimit-reset-*</c> headers write it: <c>20ms</c>, <c>2s</c>, <c>1m30s</c>.</summary>
    public static string GoDuration(TimeSpan delay)
    {
        if (delay < TimeSpan.FromSeconds(1))
        {
            return ((long)Math.Ceiling(delay.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var sb = new StringBuilder();
        if (delay.TotalHours >= 1)
        {
            sb.Append(((long)delay.TotalHours).ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (delay.TotalMinutes >= 1)
        {
            sb.Append(delay.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = delay.Seconds + (delay.Milliseconds / 1000.0);
        sb.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }

    public static string Rfc3339(DateTimeOffset moment) =>
        moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static KeyValuePair<string, string> H(string name, string value) => new(name, value);
}

/// <summary>A scripted tool call: the function name and its arguments as JSON text.</summary>
internal sealed record ToolCallReply(string Name, string Arguments);
