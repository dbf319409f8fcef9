using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Failover.Catalog;

/// <summary>
/// Reads a LiteLLM <c>model_prices_and_context_window.json</c>: an object of models keyed by name, each with
/// <c>litellm_provider</c>, <c>mode</c>, <c>max_input_tokens</c>, <c>max_output_tokens</c>, <c>input_cost_per_token</c>,
/// <c>output_cost_per_token</c>, <c>supports_function_calling</c>, <c>supports_vision</c>, <c>supports_response_schema</c>
/// and <c>deprecation_date</c>. Unknown fields, unknown providers and the <c>sample_spec</c> entry are ignored; a known
/// field of the wrong type is ignored for that model and counted in <see cref="Result.Ignored"/>.
/// </summary>
internal static class LiteLlmPriceFile
{
    /// <summary>LiteLLM provider names mapped to catalog provider prefixes.</summary>
    private static readonly Dictionary<string, string> Providers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = "openai",
        ["anthropic"] = "anthropic",
        ["gemini"] = "google",
        ["mistral"] = "mistral",
        ["groq"] = "groq",
        ["together_ai"] = "together",
        ["ollama"] = "ollama",
    };

    /// <summary>The facts by catalog id (case-insensitive) and how many known fields had a type that was ignored.</summary>
    internal sealed record Result(IReadOnlyDictionary<string, ProviderFacts> Models, int Ignored);

    /// <summary>Reads <paramref name="path"/>; a missing or non-JSON file is a <see cref="CatalogRefreshException"/>.</summary>
    public static Result Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CatalogRefreshException("litellm", "the price file '" + path + "' cannot be read (" + ex.Message + ")", ex);
        }

        return Parse(text, path);
    }

    public static Result Parse(string text, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CatalogRefreshException("litellm", "the price file '" + path + "' is not valid JSON (" + ex.Message + ")", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CatalogRefreshException("litellm", "the price file '" + path + "' must be an object of models keyed by name, like LiteLLM's model_prices_and_context_window.json");
            }

            var models = new Dictionary<string, ProviderFacts>(StringComparer.OrdinalIgnoreCase);
            int ignored = 0;
            foreach (JsonProperty model in document.RootElement.EnumerateObject())
            {
                if (model.Name == "sample_spec" || model.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                JsonElement spec = model.Value;
                if (!spec.TryGetProperty("litellm_provider", out JsonElement litellmProvider) || litellmProvider.ValueKind != JsonValueKind.String
                    || !Providers.TryGetValue(litellmProvider.GetString()!, out string? provider))
                {
                    continue;
                }

                // Keys are 'gpt-5' or 'gemini/gemini-2.5-flash': the provider prefix, when present, is not part of the model name.
                string name = model.Name.StartsWith(litellmProvider.GetString() + "/", StringComparison.OrdinalIgnoreCase)
                    ? model.Name[(litellmProvider.GetString()!.Length + 1)..]
                    : model.Name;
                string id = provider + "/" + name;
                if (models.ContainsKey(id))
                {
                    continue;
                }

                ModelCapabilities reported = ModelCapabilities.None, supported = ModelCapabilities.None;
                Flag(spec, "supports_function_calling", ModelCapabilities.Tools, ref reported, ref supported, ref ignored);
                Flag(spec, "supports_response_schema", ModelCapabilities.Json, ref reported, ref supported, ref ignored);
                Flag(spec, "supports_vision", ModelCapabilities.Vision, ref reported, ref supported, ref ignored);
                models.Add(id, new ProviderFacts(id)
                {
                    ContextWindow = Tokens(spec, "max_input_tokens", ref ignored),
                    MaxOutputTokens = Tokens(spec, "max_output_tokens", ref ignored),
                    Reported = reported,
                    Supported = supported,
                    InputPerMillion = PerMillion(spec, "input_cost_per_token", ref ignored),
                    OutputPerMillion = PerMillion(spec, "output_cost_per_token", ref ignored),
                    ShutdownDate = Date(spec, ref ignored),
                    IsChat = !spec.TryGetProperty("mode", out JsonElement mode) || mode.ValueKind != JsonValueKind.String || mode.GetString() is "chat" or "responses",
                });
            }

            return new Result(models, ignored);
        }
    }

    private static int? Tokens(JsonElement spec, string property, ref int ignored)
    {
        if (!spec.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double n) && n >= 1 && n <= int.MaxValue && n == Math.Floor(n))
        {
            return (int)n;
        }

        ignored++;
        return null;
    }

    private static double? PerMillion(JsonElement spec, string property, ref int ignored)
    {
        if (!spec.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double perToken) && perToken >= 0 && double.IsFinite(perToken))
        {
            // Rounded to a millionth of a dollar so 1.5e-7 per token is written as 0.15, not 0.15000000000000002.
            return Math.Round(perToken * 1_000_000, 6);
        }

        ignored++;
        return null;
    }

    private static void Flag(JsonElement spec, string property, ModelCapabilities flag, ref ModelCapabilities reported, ref ModelCapabilities supported, ref int ignored)
    {
        if (!spec.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            ignored++;
            return;
        }

        reported |= flag;
        if (value.ValueKind == JsonValueKind.True)
        {
            supported |= flag;
        }
    }

    private static string? Date(JsonElement spec, ref int ignored)
    {
        if (!spec.TryGetProperty("deprecation_date", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTime.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return value.GetString();
        }

        ignored++;
        return null;
    }
}
