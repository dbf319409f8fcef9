using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The pieces of a request body the built-in providers write alike, under their own property names: optional
/// numbers, string arrays and function declarations.
/// </summary>
internal static class ProviderRequestJson
{
    /// <summary>Writes a number property when the value is set.</summary>
    public static void WriteNumberIfSet(Utf8JsonWriter writer, string name, float? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a number property when the value is set.</summary>
    public static void WriteNumberIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a number property when the value is set.</summary>
    public static void WriteNumberIfSet(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a string array property when there is at least one value (stop sequences).</summary>
    public static void WriteStringsIfAny(Utf8JsonWriter writer, string name, IList<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>The function declarations among the request's tools, in order; other tools are not sent.</summary>
    public static List<AIFunctionDeclaration> FunctionsOf(ChatOptions? options)
    {
        var functions = new List<AIFunctionDeclaration>();
        if (options?.Tools is { Count: > 0 } tools)
        {
            foreach (var tool in tools)
            {
                if (tool is AIFunctionDeclaration function)
                {
                    functions.Add(function);
                }
            }
        }

        return functions;
    }

    /// <summary>Writes a function's <c>name</c> and, when it has one, its <c>description</c>.</summary>
    public static void WriteNameAndDescription(Utf8JsonWriter writer, AIFunctionDeclaration function)
    {
        writer.WriteString("name", function.Name);
        if (!string.IsNullOrEmpty(function.Description))
        {
            writer.WriteString("description", function.Description);
        }
    }
}
