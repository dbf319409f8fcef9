using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Writes a Gemini <c>generateContent</c> request body for <see cref="GeminiChatClient"/>: system messages become
/// <c>systemInstruction</c>, sampling settings go in <c>generationConfig</c>.
/// </summary>
internal static class GeminiRequestWriter
{
    public static void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options, int? defaultMaxOutputTokens)
    {
        writer.WriteStartObject();

        var system = new StringBuilder();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                if (system.Length > 0)
                {
                    system.Append("\n\n");
                }

                system.Append(ProviderJson.TextOf(message));
            }

            foreach (var content in message.Contents)
            {
                if (content is FunctionCallContent call)
                {
                    callNames[call.CallId] = call.Name;
                }
            }
        }

        if (system.Length > 0)
        {
            writer.WritePropertyName("systemInstruction");
            writer.WriteStartObject();
            writer.WritePropertyName("parts");
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("text", system.ToString());
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WritePropertyName("contents");
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            if (message.Role != ChatRole.System)
            {
                WriteContent(writer, message, callNames);
            }
        }

        writer.WriteEndArray();

        var functions = ProviderRequestJson.FunctionsOf(options);
        var tools = functions.Count > 0;
        if (tools)
        {
            writer.WritePropertyName("tools");
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WritePropertyName("functionDeclarations");
            writer.WriteStartArray();
            foreach (var function in functions)
            {
                writer.WriteStartObject();
                ProviderRequestJson.WriteNameAndDescription(writer, function);
                if (function.JsonSchema is { ValueKind: JsonValueKind.Object } parameters
                    && (!parameters.TryGetProperty("properties", out var properties) || properties.EnumerateObject().MoveNext()))
                {
                    writer.WritePropertyName("parameters");
                    ProviderJson.WriteOpenApiSchema(writer, parameters);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        if (tools && options!.ToolMode is { } mode and not AutoChatToolMode)
        {
            writer.WritePropertyName("toolConfig");
            writer.WriteStartObject();
            writer.WritePropertyName("functionCallingConfig");
            writer.WriteStartObject();
            writer.WriteString("mode", mode is NoneChatToolMode ? "NONE" : "ANY");
            if (mode is RequiredChatToolMode { RequiredFunctionName: { } name })
            {
                writer.WritePropertyName("allowedFunctionNames");
                writer.WriteStartArray();
                writer.WriteStringValue(name);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WritePropertyName("generationConfig");
        writer.WriteStartObject();
        ProviderRequestJson.WriteNumberIfSet(writer, "temperature", options?.Temperature);
        ProviderRequestJson.WriteNumberIfSet(writer, "topP", options?.TopP);
        ProviderRequestJson.WriteNumberIfSet(writer, "topK", options?.TopK);
        ProviderRequestJson.WriteNumberIfSet(writer, "maxOutputTokens", options?.MaxOutputTokens ?? defaultMaxOutputTokens);
        ProviderRequestJson.WriteNumberIfSet(writer, "seed", options?.Seed);

        ProviderRequestJson.WriteStringsIfAny(writer, "stopSequences", options?.StopSequences);

        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            writer.WriteString("responseMimeType", "application/json");
            if (json.Schema is { } schema)
            {
                writer.WritePropertyName("responseSchema");
                ProviderJson.WriteOpenApiSchema(writer, schema);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter writer, ChatMessage message, Dictionary<string, string> callNames)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role == ChatRole.Assistant ? "model" : "user");
        writer.WritePropertyName("parts");
        writer.WriteStartArray();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    writer.WriteStartObject();
                    writer.WriteString("text", text.Text);
                    writer.WriteEndObject();
                    break;
                case FunctionCallContent call:
                    writer.WriteStartObject();
                    writer.WritePropertyName("functionCall");
                    writer.WriteStartObject();
                    writer.WriteString("name", call.Name);
                    writer.WritePropertyName("args");
                    ProviderJson.WriteArguments(writer, call.Arguments);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case FunctionResultContent result:
                    writer.WriteStartObject();
                    writer.WritePropertyName("functionResponse");
                    writer.WriteStartObject();
                    writer.WriteString("name", callNames.TryGetValue(result.CallId, out var name) ? name : result.CallId);
                    writer.WritePropertyName("response");
                    if (result.Result is JsonElement { ValueKind: JsonValueKind.Object } element)
                    {
                        element.WriteTo(writer);
                    }
                    else
                    {
                        writer.WriteStartObject();
                        writer.WritePropertyName("result");
                        ProviderJson.WriteValue(writer, result.Result);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case DataContent data:
                    writer.WriteStartObject();
                    writer.WritePropertyName("inlineData");
                    writer.WriteStartObject();
                    writer.WriteString("mimeType", data.MediaType);
                    writer.WriteString("data", data.Base64Data.Span);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case UriContent uri:
                    writer.WriteStartObject();
                    writer.WritePropertyName("fileData");
                    writer.WriteStartObject();
                    writer.WriteString("mimeType", uri.MediaType);
                    writer.WriteString("fileUri", uri.Uri.ToString());
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
