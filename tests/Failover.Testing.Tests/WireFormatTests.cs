using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Failover.Testing.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public async Task Base_urls_are_loopback_with_the_documented_layout()
    {
        await using var sim = await ProviderSimulator.StartAsync();

        Assert.Equal("127.0.0.1", sim.BaseAddress.Host);
        Assert.NotEqual(0, sim.BaseAddress.Port);
        Assert.Equal(sim.BaseAddress + "openai/v1/", sim.OpenAIBaseUrl.ToString());
        Assert.Equal(sim.BaseAddress + "anthropic/", sim.AnthropicBaseUrl.ToString());
        Assert.Equal(sim.BaseAddress + "gemini/", sim.GeminiBaseUrl.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gemini_generateContent_returns_candidates_and_usage(bool keyInQuery)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gemini-2.5-flash").Reply(q => q.ToUpperInvariant());

        var (response, json, _) = await Raw.SendAsync(sim, Raw.Gemini(sim, "gemini-2.5-flash", "shout this", keyInQuery: keyInQuery));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SHOUT THIS", (string?)json!["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.Equal("model", (string?)json["candidates"]![0]!["content"]!["role"]);
        Assert.Equal("STOP", (string?)json["candidates"]![0]!["finishReason"]);
        Assert.Equal(3, (int?)json["usageMetadata"]!["promptTokenCount"]);
        Assert.Equal(3, (int?)json["usageMetadata"]!["candidatesTokenCount"]);
        Assert.Equal(6, (int?)json["usageMetadata"]!["totalTokenCount"]);
        Assert.Equal("gemini-2.5-flash", (string?)json["modelVersion"]);
        Assert.Equal(1, sim.RequestCount(SimulatorEndpoint.GeminiGenerateContent));
        Assert.Equal("gemini-2.5-flash", sim.LastRequest!.Model);
        Assert.DoesNotContain(Raw.Key, sim.LastRequest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_streamGenerateContent_sse_sends_chunks_then_finish_and_usage()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gemini-2.5-pro").Reply("alpha beta gamma");

        var (response, _, text) = await Raw.SendAsync(sim, Raw.Gemini(sim, "gemini-2.5-pro", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\r\n\r\n", text, StringComparison.Ordinal);
        var chunks = Raw.Sse(text).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal(3, chunks.Count);
        Assert.Equal("alpha beta gamma", string.Concat(chunks.Select(c => (string?)c["candidates"]![0]!["content"]!["parts"]![0]!["text"])));
        Assert.Null(chunks[0]["candidates"]![0]!["finishReason"]);
        Assert.Equal("STOP", (string?)chunks[^1]["candidates"]![0]!["finishReason"]);
        Assert.Equal(4, (int?)chunks[^1]["usageMetadata"]!["candidatesTokenCount"]);
        Assert.Equal(1, sim.RequestCount(SimulatorEndpoint.GeminiStreamGenerateContent));
        Assert.True(sim.LastRequest!.IsStreaming);
    }

    [Fact]
    public async Task Gemini_stream_without_alt_sse_is_a_json_array()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gemini-2.5-pro").Reply("alpha beta");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.GeminiBaseUrl, "v1beta/models/gemini-2.5-pro:streamGenerateContent"))
        {
            Content = new StringContent("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}"),
        };
        request.Headers.Add("x-goog-api-key", Raw.Key);

        var (response, _, text) = await Raw.SendAsync(sim, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var array = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(2, array.Count);
    }

    [Fact]
    public async Task OpenAI_stream_has_role_chunk_content_finish_usage_and_done()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-5-mini").Reply("a b");

        var (response, _, text) = await Raw.SendAsync(sim, Raw.OpenAI(sim, "gpt-5-mini", stream: true));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = Raw.Sse(text);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.Take(events.Count - 1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        Assert.Equal("stop", (string?)chunks[^2]["choices"]![0]!["finish_reason"]);
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(1, (int?)chunks[^1]["usage"]!["completion_tokens"]);
    }

    [Fact]
    public async Task Anthropic_stream_has_the_full_event_sequence()
    {
        await using var sim = await ProviderSimulator.StartAsync();

        var (_, _, text) = await Raw.SendAsync(sim, Raw.Anthropic(sim, "claude-opus-4-1", stream: true));

        var names = Raw.Sse(text).Select(e => e.Event).Distinct().ToList();
        Assert.Equal(["message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], names);
    }

    [Fact]
    public async Task Json_reply_is_used_when_the_request_asks_for_json()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-5-mini").Reply("plain text").ReplyJson("{\"answer\":42}");

        var (_, json, _) = await Raw.SendAsync(sim, Raw.OpenAI(sim, "gpt-5-mini", edit: b => b["response_format"] = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = "answer", ["schema"] = new JsonObject { ["type"] = "object" } },
        }));
        var (_, plain, _) = await Raw.SendAsync(sim, Raw.OpenAI(sim, "gpt-5-mini"));
        var (_, gemini, _) = await Raw.SendAsync(sim, Raw.Gemini(sim, "gpt-5-mini", edit: b => b["generationConfig"] = new JsonObject { ["responseMimeType"] = "application/json" }));

        Assert.Equal("{\"answer\":42}", (string?)json!["choices"]![0]!["message"]!["content"]);
        Assert.Equal("plain text", (string?)plain!["choices"]![0]!["message"]!["content"]);
        Assert.Equal("{\"answer\":42}", (string?)gemini!["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
    }

    [Fact]
    public async Task Output_limit_truncates_with_the_provider_finish_reason()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Reply(new string('x', 400));

        var (_, openai, _) = await Raw.SendAsync(sim, Raw.OpenAI(sim, "m", edit: b => b["max_completion_tokens"] = 10));
        var (_, anthropic, _) = await Raw.SendAsync(sim, Raw.Anthropic(sim, "m", edit: b => b["max_tokens"] = 10));

        Assert.Equal("length", (string?)openai!["choices"]![0]!["finish_reason"]);
        Assert.Equal(40, ((string?)openai["choices"]![0]!["message"]!["content"])!.Length);
        Assert.Equal("max_tokens", (string?)anthropic!["stop_reason"]);
        Assert.Equal(10, (int?)anthropic["usage"]!["output_tokens"]);
    }

    [Fact]
    public async Task Models_list_names_scripted_models_that_are_on()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-5");
        sim.Model("gpt-4o").SwitchOff();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sim.OpenAIBaseUrl, "models"));
        request.Headers.Add("Authorization", "Bearer " + Raw.Key);

        var (response, json, _) = await Raw.SendAsync(sim, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gpt-5"], json!["data"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.Equal(1, sim.RequestCount(SimulatorEndpoint.OpenAIModels));
    }

    [Fact]
    public async Task Missing_credentials_get_each_providers_answer_without_echoing_headers()
    {
        await using var sim = await ProviderSimulator.StartAsync();

        var openai = Raw.OpenAI(sim, "m");
        openai.Headers.Remove("Authorization");
        var anthropicNoKey = Raw.Anthropic(sim, "m");
        anthropicNoKey.Headers.Remove("x-api-key");
        var anthropicNoVersion = Raw.Anthropic(sim, "m");
        anthropicNoVersion.Headers.Remove("anthropic-version");
        var gemini = Raw.Gemini(sim, "m");
        gemini.Headers.Remove("x-goog-api-key");

        var r1 = await Raw.SendAsync(sim, openai);
        var r2 = await Raw.SendAsync(sim, anthropicNoKey);
        var r3 = await Raw.SendAsync(sim, anthropicNoVersion);
        var r4 = await Raw.SendAsync(sim, gemini);

        Assert.Equal(HttpStatusCode.Unauthorized, r1.Response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)r1.Json!["error"]!["type"]);
        Assert.Equal(HttpStatusCode.Unauthorized, r2.Response.StatusCode);
        Assert.Equal("authentication_error", (string?)r2.Json!["error"]!["type"]);
        Assert.Equal(HttpStatusCode.BadRequest, r3.Response.StatusCode);
        Assert.Equal("anthropic-version: header is required", (string?)r3.Json!["error"]!["message"]);
        Assert.Equal(HttpStatusCode.Forbidden, r4.Response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (string?)r4.Json!["error"]!["status"]);
        Assert.DoesNotContain(Raw.Key, r3.Text, StringComparison.Ordinal);
        Assert.Equal(0, sim.Model("m").PendingCount);
    }

    [Fact]
    public async Task Unparseable_request_body_gets_a_plain_400()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        var request = Raw.OpenAI(sim, "m");
        request.Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        var (response, json, _) = await Raw.SendAsync(sim, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)json!["error"]!["type"]);
    }

    [Fact]
    public async Task Unknown_route_is_404()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        using var client = Raw.Client();

        using var response = await client.GetAsync(new Uri(sim.BaseAddress, "nothing/here"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
