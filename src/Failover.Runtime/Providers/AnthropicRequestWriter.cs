using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Writes a Messages API request body (<c>POST v1/messages</c>) for <see cref="AnthropicChatClient"/>: system messages
/// and the JSON-mode instruction become the top-level <c>system</c>.
/// </summary>
internal static class AnthropicRequestWriter
{
    private const string JsonInstruction = "Respond with a single JSON value only: no prose, no Markdown code fences.";

    public static void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream, int? defaultMaxOutputTokens)
    {
        writer.WriteStartObject();
        writer.WriteString("model", model);
        writer.WriteNumber("max_tokens", options?.MaxOutputTokens ?? defaultMaxOutputTokens ?? AnthropicChatClient.DefaultMaxTokens);

        var system = new StringBuilder();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                AppendParagraph(system, ProviderJson.TextOf(message));
            }
        }

        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            AppendParagraph(system, JsonInstruction);
            if (json.Schema is { } schema)
            {
                AppendParagraph(system, "The JSON must conform to this JSON Schema:\n" + schema.GetRawText());
            }
        }

        if (system.Length > 0)
        {
            writer.WriteString("system", system.ToString());
        }

        writer.WritePropertyName("messages");
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            if (message.Role != ChatRole.System)
            {
                WriteMessage(writer, message);
            }
        }

        writer.WriteEndArray();

        ProviderRequestJson.WriteNumberIfSet(writer, "temperature", options?.Temperature);
        ProviderRequestJson.WriteNumberIfSet(writer, "top_p", options?.TopP);
        ProviderRequestJson.WriteNumberIfSet(writer, "top_k", options?.TopK);

        ProviderRequestJson.WriteStringsIfAny(writer, "stop_sequences", options?.StopSequences);

        var functions = ProviderRequestJson.FunctionsOf(options);
        var tools = functions.Count > 0;
        if (tools)
        {
            writer.WritePropertyName("tools");
            writer.WriteStartArray();
            foreach (var function in functions)
            {
                writer.WriteStartObject();
                ProviderRequestJson.WriteNameAndDescription(writer, function);
                writer.WritePropertyName("input_schema");
                ProviderJson.SchemaOrEmpty(function.JsonSchema).WriteTo(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (tools && options!.ToolMode is { } mode and not AutoChatToolMode)
        {
            writer.WritePropertyName("tool_choice");
            writer.WriteStartObject();
            switch (mode)
            {
                case NoneChatToolMode:
                    writer.WriteString("type", "none");
                    break;
                case RequiredChatToolMode { RequiredFunctionName: { } name }:
                    writer.WriteString("type", "tool");
                    writer.WriteString("name", name);
                    break;
                default:
                    writer.WriteString("type", "any");
                    break;
            }

            writer.WriteEndObject();
        }

        if (stream)
        {
            writer.WriteBoolean("stream", true);
        }

        writer.WriteEndObject();
    }

    private static void AppendParagraph(StringBuilder text, string paragraph)
    {
        if (paragraph.Length == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append("\n\n");
        }

        text.Append(paragraph);
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role == ChatRole.Assistant ? "assistant" : "user");

        var onlyText = true;
        foreach (var content in message.Contents)
        {
            onlyText &= content is TextContent;
        }

        if (onlyText)
        {
            writer.WriteString("content", ProviderJson.TextOf(message));
            writer.WriteEndObject();
            return;
        }

        writer.WritePropertyName("content");
        writer.WriteStartArray();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    writer.WriteStartObject();
                    writer.WriteString("type", "text");
                    writer.WriteString("text", text.Text);
                    writer.WriteEndObject();
                    break;
                case FunctionCallContent call:
                    writer.WriteStartObject();
                    writer.WriteString("type", "tool_use");
                    writer.WriteString("id", call.CallId);
                    writer.WriteString("name", call.Name);
                    writer.WritePropertyName("input");
                    ProviderJson.WriteArguments(writer, call.Arguments);
                    writer.WriteEndObject();
                    break;
                case FunctionResultContent result:
                    writer.WriteStartObject();
                    writer.WriteString("type", "tool_result");
                    writer.WriteString("tool_use_id", result.CallId);
                    writer.WriteString("content", result.Result as string ?? ProviderJson.ValueToString(result.Result));

                    if (result.Exception is not null)
                    {
                        writer.WriteBoolean("is_error", true);
                    }

                    writer.WriteEndObject();
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    writer.WriteStartObject();
                    writer.WriteString("type", "image");
                    writer.WritePropertyName("source");
                    writer.WriteStartObject();
                    writer.WriteString("type", "base64");
                    writer.WriteString("media_type", data.MediaType);
                    writer.WriteString("data", data.Base64Data.Span);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    writer.WriteStartObject();
                    writer.WriteString("type", "image");
                    writer.WritePropertyName("source");
                    writer.WriteStartObject();
                    writer.WriteString("type", "url");
                    writer.WriteString("url", uri.Uri.ToString());
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
