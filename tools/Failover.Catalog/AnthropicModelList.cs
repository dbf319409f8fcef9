using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;

namespace Failover.Catalog;

/// <summary>
/// Anthropic <c>GET {base}v1/models?limit=1000&amp;after_id=</c> (base <c>https://api.anthropic.com/</c>), paged with
/// <c>has_more</c> / <c>last_id</c>. Reads <c>max_input_tokens</c>, <c>max_tokens</c> and the <c>capabilities</c> object
/// (<c>image_input</c>, <c>structured_outputs</c>) where the API returns them.
/// </summary>
internal sealed class AnthropicModelList : ModelListSource
{
    public static readonly Uri DefaultBaseUrl = new("https://api.anthropic.com/");

    public AnthropicModelList(Uri baseUrl, string apiKey)
        : base("anthropic", "anthropic", baseUrl, apiKey)
    {
    }

    protected override HttpRequestMessage CreateRequest(string? cursor)
    {
        string query = "v1/models?limit=1000" + (cursor is null ? string.Empty : "&after_id=" + Uri.EscapeDataString(cursor));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, query));
        request.Headers.Add("x-api-key", ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    protected override string? ReadPage(JsonElement root, List<ProviderFacts> into)
    {
        JsonElement data = RequiredArray(root, "data");
        int i = 0;
        foreach (JsonElement item in data.EnumerateArray())
        {
            string id = RequiredString(item, "id", i++);
            ModelCapabilities reported = ModelCapabilities.None, supported = ModelCapabilities.None;
            if (item.TryGetProperty("capabilities", out JsonElement capabilities) && capabilities.ValueKind == JsonValueKind.Object)
            {
                Capability(capabilities, "image_input", ModelCapabilities.Vision, ref reported, ref supported);
                Capability(capabilities, "structured_outputs", ModelCapabilities.Json, ref reported, ref supported);
            }

            into.Add(new ProviderFacts(CatalogProvider + "/" + id)
            {
                ContextWindow = OptionalTokens(item, "max_input_tokens"),
                MaxOutputTokens = OptionalTokens(item, "max_tokens"),
                Reported = reported,
                Supported = supported,
            });
        }

        if (!root.TryGetProperty("has_more", out JsonElement hasMore) || hasMore.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Problem("the model list response has no 'has_more' flag, so it cannot be told complete; the catalog was not changed");
        }

        if (hasMore.ValueKind == JsonValueKind.False)
        {
            return null;
        }

        if (!root.TryGetProperty("last_id", out JsonElement lastId) || lastId.ValueKind != JsonValueKind.String)
        {
            throw Problem("the model list says 'has_more' but gives no 'last_id' to continue from; the catalog was not changed");
        }

        return lastId.GetString();
    }

    private static void Capability(JsonElement capabilities, string name, ModelCapabilities flag, ref ModelCapabilities reported, ref ModelCapabilities supported)
    {
        if (capabilities.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("supported", out JsonElement flagValue) && flagValue.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            reported |= flag;
            if (flagValue.ValueKind == JsonValueKind.True)
            {
                supported |= flag;
            }
        }
    }
}
