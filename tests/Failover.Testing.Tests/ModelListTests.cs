using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Failover.Testing.Tests;

/// <summary>The scripted model lists in each provider's shape, with its paging fields.</summary>
public sealed class ModelListTests
{
    [Fact]
    public async Task Anthropic_list_pages_with_limit_after_id_has_more_first_id_last_id()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.ModelList(SimulatedProvider.Anthropic)
            .Add(new SimulatedListedModel("claude-a") { InputTokenLimit = 200000, OutputTokenLimit = 64000, ImageInput = true })
            .Add("claude-b")
            .Add("claude-c");

        var first = await GetAsync(sim, new Uri(sim.AnthropicBaseUrl, "v1/models?limit=2"), anthropic: true);
        var second = await GetAsync(sim, new Uri(sim.AnthropicBaseUrl, "v1/models?limit=2&after_id=" + (string?)first["last_id"]), anthropic: true);

        Assert.Equal(["claude-a", "claude-b"], first["data"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.True((bool)first["has_more"]!);
        Assert.Equal("claude-a", (string?)first["first_id"]);
        Assert.Equal("model", (string?)first["data"]![0]!["type"]);
        Assert.Equal(200000, (int)first["data"]![0]!["max_input_tokens"]!);
        Assert.True((bool)first["data"]![0]!["capabilities"]!["image_input"]!["supported"]!);
        Assert.Null(first["data"]![1]!["capabilities"]);
        Assert.Equal(["claude-c"], second["data"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.False((bool)second["has_more"]!);
        Assert.Equal(2, sim.RequestCount(SimulatorEndpoint.AnthropicModels));
    }

    [Fact]
    public async Task Gemini_list_pages_with_page_size_and_next_page_token()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        var list = sim.ModelList(SimulatedProvider.Gemini);
        list.PageSize = 1;
        list.Add(new SimulatedListedModel("gemini-2.5-pro") { InputTokenLimit = 1048576, OutputTokenLimit = 65536 })
            .Add(new SimulatedListedModel("text-embedding-005") { SupportedGenerationMethods = ["embedContent"] });

        var first = await GetAsync(sim, new Uri(sim.GeminiBaseUrl, "v1beta/models?pageSize=50"), anthropic: false);
        var second = await GetAsync(sim, new Uri(sim.GeminiBaseUrl, "v1beta/models?pageToken=" + (string?)first["nextPageToken"]), anthropic: false);

        Assert.Equal("models/gemini-2.5-pro", (string?)first["models"]![0]!["name"]);
        Assert.Equal(1048576, (int)first["models"]![0]!["inputTokenLimit"]!);
        Assert.Equal(["generateContent", "streamGenerateContent", "countTokens"], first["models"]![0]!["supportedGenerationMethods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(["embedContent"], second["models"]![0]!["supportedGenerationMethods"]!.AsArray().Select(m => (string?)m));
        Assert.Null(second["nextPageToken"]);
    }

    [Theory]
    [InlineData(ModelListFault.Garbage)]
    [InlineData(ModelListFault.Truncated)]
    [InlineData(ModelListFault.WrongShape)]
    public async Task A_scripted_fault_answers_200_with_a_body_that_is_not_a_model_list(ModelListFault fault)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.ModelList(SimulatedProvider.OpenAI).Add("gpt-5");
        sim.ModelList(SimulatedProvider.OpenAI).Fault = fault;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.OpenAIBaseUrl, "models"));
        request.Headers.Add("Authorization", "Bearer " + Raw.Key);

        var (response, json, text) = await Raw.SendAsync(sim, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json?["data"] is null, text);
    }

    [Fact]
    public async Task A_list_request_without_a_key_gets_the_providers_auth_error()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.ModelList(SimulatedProvider.Gemini).Add("gemini-2.5-pro");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.GeminiBaseUrl, "v1beta/models"));

        var (response, _, _) = await Raw.SendAsync(sim, request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> GetAsync(ProviderSimulator sim, Uri url, bool anthropic)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (anthropic)
        {
            request.Headers.Add("x-api-key", Raw.Key);
            request.Headers.Add("anthropic-version", "2023-06-01");
        }
        else
        {
            request.Headers.Add("x-goog-api-key", Raw.Key);
        }

        var (response, json, text) = await Raw.SendAsync(sim, request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return json!;
    }
}
