using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>Small JSON helpers the built-in providers share: no reflection-based serialization.</summary>
internal static class ProviderJson
{
    /// <summary>The text of a message: its text contents joined.</summary>
    public static string TextOf(ChatMessage message)
    {
        var text = new StringBuilder();
        foreach (var content in message.Contents)
        {
            if (content is TextContent t)
            {
                text.Append(t.Text);
            }
        }

        return text.ToString();
    }

    /// <summary>Writes a value taken from tool arguments or a tool result as JSON.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonDocument document:
                document.RootElement.WriteTo(writer);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var pair in map)
                {
                    writer.WritePropertyName(pair.Key);
                    WriteValue(writer, pair.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                // Other types go through the M.E.AI options, whose resolver covers the AI content types and
                // whatever the application registered; no reflection is introduced here.
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }

    /// <summary>Writes tool arguments as a JSON object.</summary>
    public static void WriteArguments(Utf8JsonWriter writer, IDictionary<string, object?>? arguments) =>
        WriteValue(writer, arguments ?? new Dictionary<string, object?>());

    /// <summary>Serializes tool arguments to a JSON string (OpenAI sends arguments as a string).</summary>
    public static string ArgumentsToString(IDictionary<string, object?>? arguments) =>
        ValueToString(arguments ?? new Dictionary<string, object?>());

    /// <summary>Serializes a value taken from tool arguments or a tool result to a JSON string.</summary>
    public static string ValueToString(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Turns a JSON object into tool arguments (values stay <see cref="JsonElement"/>s).</summary>
    public static Dictionary<string, object?> ArgumentsFrom(JsonElement element)
    {
        var arguments = new Dictionary<string, object?>();
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return arguments;
    }

    /// <summary>Parses OpenAI's string-encoded arguments; a broken string is kept so the caller can see it.</summary>
    public static FunctionCallContent FunctionCall(string callId, string name, string? argumentsJson)
    {
        if (string.IsNullOrWhiteSpace(argumentsJson))
        {
            return new FunctionCallContent(callId, name, new Dictionary<string, object?>());
        }

        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            return new FunctionCallContent(callId, name, ArgumentsFrom(document.RootElement));
        }
        catch (JsonException error)
        {
            return new FunctionCallContent(callId, name, new Dictionary<string, object?>()) { Exception = error };
        }
    }

    /// <summary>The string value of a property, or null when absent or not a string.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A property, or null when absent or JSON null.</summary>
    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>An integer property, or null.</summary>
    public static long? Int64(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    /// <summary>The JSON schema of a tool or response format, or an empty object schema.</summary>
    public static JsonElement SchemaOrEmpty(JsonElement? schema) => schema is { ValueKind: JsonValueKind.Object } s ? s : s_emptyObjectSchema;

    private static readonly JsonElement s_emptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>
    /// Writes a JSON schema as Gemini's OpenAPI-subset <c>Schema</c>: keywords it rejects (<c>$schema</c>,
    /// <c>additionalProperties</c>, <c>$id</c>...) are dropped and <c>"type": ["string", "null"]</c> becomes
    /// <c>"type": "string", "nullable": true</c>.
    /// </summary>
    public static void WriteOpenApiSchema(Utf8JsonWriter writer, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            schema.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in schema.EnumerateObject())
        {
            switch (property.Name)
            {
                case "$schema" or "$id" or "$comment" or "additionalProperties" or "default" or "examples" or "const":
                    continue;
                case "type" when property.Value.ValueKind == JsonValueKind.Array:
                    var types = property.Value.EnumerateArray().Select(t => t.GetString()).ToList();
                    var main = types.FirstOrDefault(t => t != "null") ?? "string";
                    writer.WriteString("type", main);
                    if (types.Contains("null"))
                    {
                        writer.WriteBoolean("nullable", true);
                    }

                    continue;
                case "properties" when property.Value.ValueKind == JsonValueKind.Object:
                    writer.WritePropertyName("properties");
                    writer.WriteStartObject();
                    foreach (var child in property.Value.EnumerateObject())
                    {
                        writer.WritePropertyName(child.Name);
                        WriteOpenApiSchema(writer, child.Value);
                    }

                    writer.WriteEndObject();
                    continue;
                case "items" or "anyOf" when property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array:
                    writer.WritePropertyName(property.Name);
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        writer.WriteStartArray();
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            WriteOpenApiSchema(writer, item);
                        }

                        writer.WriteEndArray();
                    }
                    else
                    {
                        WriteOpenApiSchema(writer, property.Value);
                    }

                    continue;
                default:
                    property.WriteTo(writer);
                    continue;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The M.E.AI finish reason for a provider's stop reason.</summary>
    public static ChatFinishReason? FinishReason(string? reason) => reason switch
    {
        null or "" => null,
        "stop" or "end_turn" or "stop_sequence" or "STOP" => ChatFinishReason.Stop,
        "length" or "max_tokens" or "MAX_TOKENS" => ChatFinishReason.Length,
        "tool_calls" or "function_call" or "tool_use" => ChatFinishReason.ToolCalls,
        "content_filter" or "refusal" or "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    /// <summary>Strips a Markdown code fence a model wrapped around JSON it was asked to return bare.</summary>
    public static string StripCodeFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6)
        {
            return text;
        }

        var firstLineEnd = trimmed.IndexOf('\n');
        if (firstLineEnd < 0)
        {
            return text;
        }

        return trimmed[(firstLineEnd + 1)..^3].Trim();
    }
}
