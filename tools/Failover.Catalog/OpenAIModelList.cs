using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Failover.Catalog;

/// <summary>OpenAI <c>GET {base}/models</c> (base <c>https://api.openai.com/v1/</c>): ids only, one page; its word is which models exist.</summary>
internal sealed class OpenAIModelList : ModelListSource
{
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1/");

    public OpenAIModelList(Uri baseUrl, string apiKey)
        : base("openai", "openai", baseUrl, apiKey)
    {
    }

    protected override HttpRequestMessage CreateRequest(string? cursor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "models"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return request;
    }

    protected override string? ReadPage(JsonElement root, List<ProviderFacts> into)
    {
        JsonElement data = RequiredArray(root, "data");
        int i = 0;
        foreach (JsonElement item in data.EnumerateArray())
        {
            into.Add(new ProviderFacts(CatalogProvider + "/" + RequiredString(item, "id", i++)));
        }

        return null;
    }
}
