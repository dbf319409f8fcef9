using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Structured output for generated clients: the JSON-schema response format of a type and the reader that turns an
/// answer into the type. With a source-generated <c>JsonSerializerContext</c> nothing here uses reflection; the
/// <see cref="ReflectionTypeInfo{T}"/> path does and is annotated so that trimming and AOT builds warn.
/// </summary>
public static class StructuredOutput
{
    /// <summary>Chat options asking for JSON that matches <typeparamref name="T"/>'s schema.</summary>
    public static ChatOptions JsonOptions<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var schema = AIJsonUtilities.CreateJsonSchema(typeof(T), serializerOptions: typeInfo.Options);
        return new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, typeof(T).Name) };
    }

    /// <summary>The route's <c>[ChatDefaults]</c> (<paramref name="defaults"/>) with the JSON schema request of <typeparamref name="T"/>.</summary>
    public static ChatOptions JsonOptions<T>(JsonTypeInfo<T> typeInfo, ChatOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        defaults.ResponseFormat = JsonOptions(typeInfo).ResponseFormat;
        return defaults;
    }

    /// <summary>
    /// A reader that deserializes the answer's text as <typeparamref name="T"/>. Unparseable JSON, a JSON <c>null</c> or a
    /// value of the wrong shape throws, which makes the attempt an <see cref="FailureKind.InvalidResponse"/> and moves on.
    /// A Markdown code fence around the JSON is tolerated.
    /// </summary>
    public static Func<ChatResponse, T> Reader<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return response =>
        {
            var text = StripFence(response.Text);
            if (text.Length == 0)
            {
                throw new ProviderException(FailureKind.InvalidResponse, "The model returned no JSON.");
            }

            var value = JsonSerializer.Deserialize(text, typeInfo);
            return value is null
                ? throw new ProviderException(FailureKind.InvalidResponse, $"The model returned JSON null instead of a {typeof(T).Name}.")
                : value;
        };
    }

    /// <summary>The reflection-based type info of <typeparamref name="T"/>, for routes without a <c>JsonSerializerContext</c>.</summary>
    [RequiresUnreferencedCode("Structured output without a JsonSerializerContext uses reflection. Give the route or interface a source-generated context (JsonContext).")]
    [RequiresDynamicCode("Structured output without a JsonSerializerContext uses reflection. Give the route or interface a source-generated context (JsonContext).")]
    public static JsonTypeInfo<T> ReflectionTypeInfo<T>() => (JsonTypeInfo<T>)ReflectionOptions.Value.GetTypeInfo(typeof(T));

    private static class ReflectionOptions
    {
        [RequiresUnreferencedCode("Uses reflection.")]
        [RequiresDynamicCode("Uses reflection.")]
        private static JsonSerializerOptions Create()
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
            options.MakeReadOnly();
            return options;
        }

        public static JsonSerializerOptions Value
        {
            [RequiresUnreferencedCode("Uses reflection.")]
            [RequiresDynamicCode("Uses reflection.")]
            get => s_value ??= Create();
        }

        private static JsonSerializerOptions? s_value;
    }

    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLine = trimmed.IndexOf('\n');
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine > 0 && end > firstLine ? trimmed[(firstLine + 1)..end].Trim() : trimmed;
    }
}
