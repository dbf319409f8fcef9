using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>Writes a Chat Completions request body (<c>POST chat/completions</c>) for <see cref="OpenAIChatClient"/>.</summary>
internal static class OpenAIRequestWriter
{
    public static void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream, int? defaultMaxOutputTokens, bool maxCompletionTokens)
    {
        writer.WriteStartObject();
        writer.WriteString("model", model);
        writer.WritePropertyName("messages");
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            WriteMessage(writer, message);
        }

        writer.WriteEndArray();

        if (options?.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (options?.TopP is { } topP)
        {
            writer.WriteNumber("top_p", topP);
        }

        if (options?.FrequencyPenalty is { } frequency)
        {
            writer.WriteNumber("frequency_penalty", frequency);
        }

        if (options?.PresencePenalty is { } presence)
        {
            writer.WriteNumber("presence_penalty", presence);
        }

        if (options?.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if ((options?.MaxOutputTokens ?? defaultMaxOutputTokens) is { } maxTokens)
        {
            // OpenAI's own API rejects max_tokens for reasoning models; compatible servers widely know only max_tokens.
            writer.WriteNumber(maxCompletionTokens ? "max_completion_tokens" : "max_tokens", maxTokens);
        }

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            writer.WritePropertyName("stop");
            writer.WriteStartArray();
            foreach (var stop in stops)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        switch (options?.ResponseFormat)
        {
            case ChatResponseFormatJson { Schema: { } schema } json:
                writer.WritePropertyName("response_format");
                writer.WriteStartObject();
                writer.WriteString("type", "json_schema");
                writer.WritePropertyName("json_schema");
                writer.WriteStartObject();
                writer.WriteString("name", string.IsNullOrWhiteSpace(json.SchemaName) ? "response" : json.SchemaName);
                if (!string.IsNullOrWhiteSpace(json.SchemaDescription))
                {
                    writer.WriteString("description", json.SchemaDescription);
                }

                writer.WritePropertyName("schema");
                schema.WriteTo(writer);
                writer.WriteBoolean("strict", true);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case ChatResponseFormatJson:
                writer.WritePropertyName("response_format");
                writer.WriteStartObject();
                writer.WriteString("type", "json_object");
                writer.WriteEndObject();
                break;
        }

        var tools = false;
        if (options?.Tools is { Count: > 0 })
        {
            foreach (var tool in options.Tools)
            {
                if (tool is not AIFunctionDeclaration function)
                {
                    continue;
                }

                if (!tools)
                {
                    writer.WritePropertyName("tools");
                    writer.WriteStartArray();
                    tools = true;
                }

                writer.WriteStartObject();
                writer.WriteString("type", "function");
                writer.WritePropertyName("function");
                writer.WriteStartObject();
                writer.WriteString("name", function.Name);
                if (!string.IsNullOrEmpty(function.Description))
                {
                    writer.WriteString("description", function.Description);
                }

                writer.WritePropertyName("parameters");
                ProviderJson.SchemaOrEmpty(function.JsonSchema).WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            if (tools)
            {
                writer.WriteEndArray();
            }
        }

        if (tools)
        {
            switch (options!.ToolMode)
            {
                case NoneChatToolMode:
                    writer.WriteString("tool_choice", "none");
                    break;
                case RequiredChatToolMode { RequiredFunctionName: { } name }:
                    writer.WritePropertyName("tool_choice");
                    writer.WriteStartObject();
                    writer.WriteString("type", "function");
                    writer.WritePropertyName("function");
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case RequiredChatToolMode:
                    writer.WriteString("tool_choice", "required");
                    break;
            }
        }

        if (stream)
        {
            writer.WriteBoolean("stream", true);
            writer.WritePropertyName("stream_options");
            writer.WriteStartObject();
            writer.WriteBoolean("include_usage", true);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        // Tool results are separate "tool" messages, one per call.
        var wroteResult = false;
        foreach (var content in message.Contents)
        {
            if (content is FunctionResultContent result)
            {
                writer.WriteStartObject();
                writer.WriteString("role", "tool");
                writer.WriteString("tool_call_id", result.CallId);
                writer.WriteString("content", result.Result as string ?? ResultText(result.Result));
                writer.WriteEndObject();
                wroteResult = true;
            }
        }

        if (wroteResult && message.Role == ChatRole.Tool)
        {
            return;
        }

        var role = message.Role == ChatRole.System ? "system"
            : message.Role == ChatRole.Assistant ? "assistant"
            : message.Role == ChatRole.Tool ? "tool"
            : "user";

        writer.WriteStartObject();
        writer.WriteString("role", role);

        var hasMedia = false;
        foreach (var content in message.Contents)
        {
            hasMedia |= content is DataContent or UriContent;
        }

        if (hasMedia && role == "user")
        {
            writer.WritePropertyName("content");
            writer.WriteStartArray();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text:
                        writer.WriteStartObject();
                        writer.WriteString("type", "text");
                        writer.WriteString("text", text.Text);
                        writer.WriteEndObject();
                        break;
                    case DataContent data when data.HasTopLevelMediaType("image"):
                        WriteImage(writer, data.Uri);
                        break;
                    case UriContent uri when uri.HasTopLevelMediaType("image"):
                        WriteImage(writer, uri.Uri.ToString());
                        break;
                }
            }

            writer.WriteEndArray();
        }
        else
        {
            var text = ProviderJson.TextOf(message);
            var calls = false;
            foreach (var content in message.Contents)
            {
                calls |= content is FunctionCallContent;
            }

            if (calls && text.Length == 0)
            {
                writer.WriteNull("content");
            }
            else
            {
                writer.WriteString("content", text);
            }

            if (calls)
            {
                writer.WritePropertyName("tool_calls");
                writer.WriteStartArray();
                foreach (var content in message.Contents)
                {
                    if (content is FunctionCallContent call)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", call.CallId);
                        writer.WriteString("type", "function");
                        writer.WritePropertyName("function");
                        writer.WriteStartObject();
                        writer.WriteString("name", call.Name);
                        writer.WriteString("arguments", ProviderJson.ArgumentsToString(call.Arguments));
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteImage(Utf8JsonWriter writer, string url)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "image_url");
        writer.WritePropertyName("image_url");
        writer.WriteStartObject();
        writer.WriteString("url", url);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string ResultText(object? result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ProviderJson.WriteValue(writer, result);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
