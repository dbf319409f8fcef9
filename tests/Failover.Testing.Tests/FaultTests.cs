using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Testing.Tests;

public sealed class FaultTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The error "kind" field of each provider: OpenAI error.code (or type), Anthropic error.type, Gemini error.status.</summary>
    private static string? Kind(SimulatedProvider provider, JsonNode json, bool openAIType = false) => provider switch
    {
        SimulatedProvider.OpenAI => openAIType ? (string?)json["error"]!["type"] : (string?)json["error"]!["code"],
        SimulatedProvider.Anthropic => (string?)json["error"]!["type"],
        _ => (string?)json["error"]!["status"],
    };

    private static void AssertErrorShape(SimulatedProvider provider, JsonNode json, int status)
    {
        switch (provider)
        {
            case SimulatedProvider.OpenAI:
                var error = json["error"]!.AsObject();
                Assert.True(error.ContainsKey("message") && error.ContainsKey("type") && error.ContainsKey("param") && error.ContainsKey("code"));
                break;
            case SimulatedProvider.Anthropic:
                Assert.Equal("error", (string?)json["type"]);
                Assert.NotNull((string?)json["error"]!["message"]);
                break;
            default:
                Assert.Equal(status, (int?)json["error"]!["code"]);
                Assert.NotNull((string?)json["error"]!["message"]);
                break;
        }
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 429, "rate_limit_exceeded")]
    [InlineData(SimulatedProvider.Anthropic, 429, "rate_limit_error")]
    [InlineData(SimulatedProvider.Gemini, 429, "RESOURCE_EXHAUSTED")]
    public async Task RateLimited_sets_status_body_and_retry_headers(SimulatedProvider provider, int status, string kind)
    {
        var time = new FakeTimeProvider(Start);
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model("m").RateLimited(TimeSpan.FromSeconds(7.2));

        var (response, json, _) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m"));

        Assert.Equal(status, (int)response.StatusCode);
        AssertErrorShape(provider, json!, status);
        Assert.Equal(kind, Kind(provider, json!));
        Assert.Equal(TimeSpan.FromSeconds(8), response.Headers.RetryAfter!.Delta);
        switch (provider)
        {
            case SimulatedProvider.OpenAI:
                Assert.Equal("requests", (string?)json!["error"]!["type"]);
                Assert.Equal("7.2s", response.Headers.GetValues("x-ratelimit-reset-requests").Single());
                Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
                Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single(), StringComparison.Ordinal);
                break;
            case SimulatedProvider.Anthropic:
                var reset = DateTimeOffset.Parse(response.Headers.GetValues("anthropic-ratelimit-requests-reset").Single(), CultureInfo.InvariantCulture);
                Assert.Equal(Start.AddSeconds(7), reset);
                Assert.Equal("2026-03-01T12:00:07Z", response.Headers.GetValues("anthropic-ratelimit-requests-reset").Single());
                Assert.True(response.Headers.Contains("request-id"));
                break;
            default:
                Assert.Equal("8s", (string?)json!["error"]!["details"]![0]!["retryDelay"]);
                break;
        }
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 503, "server_error")]
    [InlineData(SimulatedProvider.Anthropic, 529, "overloaded_error")]
    [InlineData(SimulatedProvider.Gemini, 503, "UNAVAILABLE")]
    public async Task Overloaded(SimulatedProvider provider, int status, string kind) =>
        await AssertErrorAsync(provider, s => s.Overloaded(), status, kind, openAIType: true);

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 500, "server_error")]
    [InlineData(SimulatedProvider.Anthropic, 500, "api_error")]
    [InlineData(SimulatedProvider.Gemini, 500, "INTERNAL")]
    public async Task ServerError(SimulatedProvider provider, int status, string kind) =>
        await AssertErrorAsync(provider, s => s.ServerError(), status, kind, openAIType: true);

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 401, "invalid_api_key")]
    [InlineData(SimulatedProvider.Anthropic, 401, "authentication_error")]
    [InlineData(SimulatedProvider.Gemini, 401, "UNAUTHENTICATED")]
    public async Task Unauthorized(SimulatedProvider provider, int status, string kind)
    {
        var text = await AssertErrorAsync(provider, s => s.Unauthorized(), status, kind);
        Assert.DoesNotContain(Raw.Key, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 404, "model_not_found")]
    [InlineData(SimulatedProvider.Anthropic, 404, "not_found_error")]
    [InlineData(SimulatedProvider.Gemini, 404, "NOT_FOUND")]
    public async Task ModelNotFound(SimulatedProvider provider, int status, string kind) =>
        await AssertErrorAsync(provider, s => s.ModelNotFound(), status, kind);

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 400, "context_length_exceeded", "maximum context length is 128000 tokens")]
    [InlineData(SimulatedProvider.Anthropic, 400, "invalid_request_error", "prompt is too long: 128001 tokens > 128000 maximum")]
    [InlineData(SimulatedProvider.Gemini, 400, "INVALID_ARGUMENT", "The input token count (128001) exceeds the maximum number of tokens allowed (128000).")]
    public async Task ContextLengthExceeded(SimulatedProvider provider, int status, string kind, string message)
    {
        var text = await AssertErrorAsync(provider, s => s.ContextLengthExceeded(), status, kind);
        Assert.Contains(message, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_window_turns_a_long_prompt_into_the_context_error()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("small").ContextWindow(10);

        var (shortResponse, _, _) = await Raw.SendAsync(sim, Raw.Anthropic(sim, "small", "short"));
        var (longResponse, json, _) = await Raw.SendAsync(sim, Raw.Anthropic(sim, "small", new string('w', 80)));

        Assert.Equal(HttpStatusCode.OK, shortResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longResponse.StatusCode);
        Assert.Equal("prompt is too long: 20 tokens > 10 maximum", (string?)json!["error"]!["message"]);
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 400, "content_policy_violation")]
    [InlineData(SimulatedProvider.Anthropic, 400, "invalid_request_error")]
    public async Task ContentPolicy(SimulatedProvider provider, int status, string kind) =>
        await AssertErrorAsync(provider, s => s.ContentPolicy(), status, kind);

    [Fact]
    public async Task ContentPolicy_on_Gemini_is_a_200_with_blockReason()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("g").ContentPolicy().Times(2);

        var (response, json, _) = await Raw.SendAsync(sim, Raw.Gemini(sim, "g"));
        var (streamed, _, text) = await Raw.SendAsync(sim, Raw.Gemini(sim, "g", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SAFETY", (string?)json!["promptFeedback"]!["blockReason"]);
        Assert.Null(json["candidates"]);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal("SAFETY", (string?)JsonNode.Parse(Raw.Sse(text).Single().Data)!["promptFeedback"]!["blockReason"]);
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 400, "invalid_request_error")]
    [InlineData(SimulatedProvider.Anthropic, 400, "invalid_request_error")]
    [InlineData(SimulatedProvider.Gemini, 400, "INVALID_ARGUMENT")]
    public async Task MalformedRequest(SimulatedProvider provider, int status, string kind) =>
        await AssertErrorAsync(provider, s => s.MalformedRequest("bad field"), status, kind, openAIType: true);

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, 403, "unsupported_country_region_territory")]
    [InlineData(SimulatedProvider.Anthropic, 403, "permission_error")]
    [InlineData(SimulatedProvider.Anthropic, 413, "request_too_large")]
    [InlineData(SimulatedProvider.Gemini, 403, "PERMISSION_DENIED")]
    [InlineData(SimulatedProvider.Gemini, 504, "DEADLINE_EXCEEDED")]
    public async Task Explicit_status_uses_the_providers_error_for_it(SimulatedProvider provider, int status, string kind) =>
        await AssertErrorAsync(provider, s => s.Status(status), status, kind);

    [Theory]
    [InlineData(SimulatedProvider.OpenAI)]
    [InlineData(SimulatedProvider.Anthropic)]
    [InlineData(SimulatedProvider.Gemini)]
    public async Task Connection_reset_before_response_raises_HttpRequestException(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").ResetConnection();

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Raw.SendAsync(sim, Raw.For(provider, sim, "m")));

        Assert.NotNull(ex);
        Assert.Equal(1, sim.RequestCount("m"));
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI)]
    [InlineData(SimulatedProvider.Anthropic)]
    [InlineData(SimulatedProvider.Gemini)]
    public async Task Reset_after_chunks_delivers_those_chunks_then_fails_the_read(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Reply("one two three four five six").ResetAfterChunks(2);
        using var client = Raw.Client();

        using var response = await client.SendAsync(Raw.For(provider, sim, "m", stream: true), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var received = string.Empty;
        var ex = await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                received += line + "\n";
            }
        });

        Assert.NotNull(ex);
        Assert.Equal(2, Raw.Sse(received).Count);
    }

    [Fact]
    public async Task Reset_after_chunks_on_a_plain_request_cuts_the_body()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").ResetAfterChunks(1);
        using var client = Raw.Client();

        using var response = await client.SendAsync(Raw.OpenAI(sim, "m"), HttpCompletionOption.ResponseHeadersRead);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());

        // HttpClient wraps the premature end (an HttpIOException) in an HttpRequestException when buffering.
        Assert.True(ex is IOException || (ex is HttpRequestException && ex.InnerException is IOException), ex.ToString());
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI)]
    [InlineData(SimulatedProvider.Anthropic)]
    [InlineData(SimulatedProvider.Gemini)]
    public async Task Malformed_json_is_a_200_that_does_not_parse(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").MalformedJson().Times(2);

        var (response, _, text) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m"));
        var (streamed, _, streamText) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(Raw.Sse(streamText)[0].Data));
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI)]
    [InlineData(SimulatedProvider.Anthropic)]
    [InlineData(SimulatedProvider.Gemini)]
    public async Task Html_error_page_is_a_502_text_html(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").HtmlErrorPage();

        var (response, _, text) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<html>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, false)]
    [InlineData(SimulatedProvider.Anthropic, true)]
    [InlineData(SimulatedProvider.Gemini, false)]
    public async Task Empty_body_is_a_200_with_nothing_in_it(SimulatedProvider provider, bool stream)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").EmptyBody();

        var (response, _, text) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m", stream));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, text);
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI)]
    [InlineData(SimulatedProvider.Anthropic)]
    [InlineData(SimulatedProvider.Gemini)]
    public async Task Stream_cut_mid_event_ends_cleanly_with_a_partial_event(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Reply("one two three four five six").StreamCutMidEvent();

        var (response, _, text) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = Raw.Sse(text);
        Assert.Equal("(partial)", events[^1].Event);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(events[^1].Data));
        Assert.All(events.Take(events.Count - 1), e => JsonDocument.Parse(e.Data).Dispose());
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_is_waited_on_the_injected_TimeProvider()
    {
        var time = new FakeTimeProvider(Start);
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model("slow").Latency(TimeSpan.FromSeconds(30));
        using var client = Raw.Client();

        var pending = client.SendAsync(Raw.OpenAI(sim, "slow"));
        await sim.WaitForLatencyAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(pending.IsCompleted);
        Assert.Equal(1, sim.RequestsWaitingOnLatency);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(pending.IsCompleted);
        Assert.Equal(1, sim.RequestsWaitingOnLatency);
        time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, sim.RequestsWaitingOnLatency);
    }

    [Fact]
    public async Task Latency_can_precede_a_fault()
    {
        var time = new FakeTimeProvider(Start);
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model("slow").Overloaded().WithLatency(TimeSpan.FromSeconds(5));
        using var client = Raw.Client();

        var pending = client.SendAsync(Raw.Anthropic(sim, "slow"));
        await sim.WaitForLatencyAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(529, (int)response.StatusCode);
    }

    [Fact]
    public async Task Dispose_does_not_wait_for_requests_stuck_in_latency()
    {
        var time = new FakeTimeProvider(Start);
        var sim = await ProviderSimulator.StartAsync(time);
        sim.Model("slow").Latency(TimeSpan.FromHours(1));
        using var client = Raw.Client();

        var pending = client.SendAsync(Raw.OpenAI(sim, "slow"));
        await sim.WaitForLatencyAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await sim.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<Exception>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, "model_not_found")]
    [InlineData(SimulatedProvider.Anthropic, "not_found_error")]
    [InlineData(SimulatedProvider.Gemini, "NOT_FOUND")]
    public async Task SwitchOffAt_answers_model_not_found_from_that_moment(SimulatedProvider provider, string kind)
    {
        var time = new FakeTimeProvider(Start);
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model("retiring").SwitchOffAt(Start.AddHours(1));

        var (before, _, _) = await Raw.SendAsync(sim, Raw.For(provider, sim, "retiring"));
        time.Advance(TimeSpan.FromMinutes(59));
        var (almost, _, _) = await Raw.SendAsync(sim, Raw.For(provider, sim, "retiring"));
        time.Advance(TimeSpan.FromMinutes(1));
        var (after, json, _) = await Raw.SendAsync(sim, Raw.For(provider, sim, "retiring"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, almost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(kind, Kind(provider, json!));
    }

    private static async Task<string> AssertErrorAsync(SimulatedProvider provider, Action<ModelScript> script, int status, string kind, bool openAIType = false)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        script(sim.Model("m"));

        var (response, json, text) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        AssertErrorShape(provider, json!, status);
        Assert.Equal(kind, Kind(provider, json!, openAIType));
        return text;
    }
}
