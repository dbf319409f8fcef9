using System.Collections.Generic;
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

        ProviderRequestJson.WriteNumberIfSet(writer, "temperature", options?.Temperature);
        ProviderRequestJson.WriteNumberIfSet(writer, "top_p", options?.TopP);
        ProviderRequestJson.WriteNumberIfSet(writer, "frequency_penalty", options?.FrequencyPenalty);
        ProviderRequestJson.WriteNumberIfSet(writer, "presence_penalty", options?.PresencePenalty);
        ProviderRequestJson.WriteNumberIfSet(writer, "seed", options?.Seed);

        // OpenAI's own API rejects max_tokens for reasoning models; compatible servers widely know only max_tokens.
        ProviderRequestJson.WriteNumberIfSet(writer, maxCompletionTokens ? "max_completion_tokens" : "max_tokens", options?.MaxOutputTokens ?? defaultMaxOutputTokens);

        ProviderRequestJson.WriteStringsIfAny(writer, "stop", options?.StopSequences);

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

        var functions = ProviderRequestJson.FunctionsOf(options);
        var tools = functions.Count > 0;
        if (tools)
        {
            writer.WritePropertyName("tools");
            writer.WriteStartArray();
            foreach (var function in functions)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "function");
                writer.WritePropertyName("function");
                writer.WriteStartObject();
                ProviderRequestJson.WriteNameAndDescription(writer, function);
                writer.WritePropertyName("parameters");
                ProviderJson.SchemaOrEmpty(function.JsonSchema).WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
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
                writer.WriteString("content", result.Result as string ?? ProviderJson.ValueToString(result.Result));
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
}
