using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;

namespace Failover.Catalog;

/// <summary>
/// Gemini <c>models.list</c>, <c>GET {base}v1beta/models?pageSize=1000&amp;pageToken=</c> (base
/// <c>https://generativelanguage.googleapis.com/</c>), paged with <c>nextPageToken</c>. Reads <c>inputTokenLimit</c>,
/// <c>outputTokenLimit</c> and <c>supportedGenerationMethods</c> (a model without <c>generateContent</c> does not chat;
/// <c>streamGenerateContent</c> means streaming). The key goes in <c>x-goog-api-key</c>, never in the URL.
/// </summary>
internal sealed class GeminiModelList : ModelListSource
{
    public static readonly Uri DefaultBaseUrl = new("https://generativelanguage.googleapis.com/");

    public GeminiModelList(Uri baseUrl, string apiKey)
        : base("gemini", "google", baseUrl, apiKey)
    {
    }

    protected override HttpRequestMessage CreateRequest(string? cursor)
    {
        string query = "v1beta/models?pageSize=1000" + (cursor is null ? string.Empty : "&pageToken=" + Uri.EscapeDataString(cursor));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, query));
        request.Headers.Add("x-goog-api-key", ApiKey);
        return request;
    }

    protected override string? ReadPage(JsonElement root, List<ProviderFacts> into)
    {
        // The last page of an empty project is {}; any other object must have 'models'.
        if (root.ValueKind != JsonValueKind.Object || (!root.TryGetProperty("models", out _) && root.EnumerateObject().Any()))
        {
            RequiredArray(root, "models");
        }

        if (root.TryGetProperty("models", out _))
        {
            int i = 0;
            foreach (JsonElement item in RequiredArray(root, "models").EnumerateArray())
            {
                string name = RequiredString(item, "name", i++);
                string model = name.StartsWith("models/", StringComparison.Ordinal) ? name["models/".Length..] : name;
                var methods = item.TryGetProperty("supportedGenerationMethods", out JsonElement list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToList()
                    : new List<string>();
                into.Add(new ProviderFacts(CatalogProvider + "/" + model)
                {
                    ContextWindow = OptionalTokens(item, "inputTokenLimit"),
                    MaxOutputTokens = OptionalTokens(item, "outputTokenLimit"),
                    Reported = methods.Count > 0 ? ModelCapabilities.Streaming : ModelCapabilities.None,
                    Supported = methods.Contains("streamGenerateContent") ? ModelCapabilities.Streaming : ModelCapabilities.None,
                    IsChat = methods.Contains("generateContent"),
                });
            }
        }

        return root.TryGetProperty("nextPageToken", out JsonElement token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } next ? next : null;
    }
}
