using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover.Providers.Tests;

public sealed class GarbageAndCancellationTests
{
    private const string Html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>";

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Html_502_page_is_a_server_error_that_says_so(string provider)
    {
        var handler = new FakeHandler().Respond(() => Wire.Response(502, Html, "text/html"));
        var error = await Call(provider, handler);
        Assert.Equal(FailureKind.ServerError, error.Kind);
        Assert.Equal(502, error.StatusCode);
        Assert.Contains($"{provider}/{Clients.ModelFor(provider)} returned a 502 text/html page instead of JSON", error.Message);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Html_200_page_is_invalid_response(string provider)
    {
        var error = await Call(provider, new FakeHandler().Respond(() => Wire.Response(200, "<html>captive portal</html>", "text/html")));
        Assert.Equal(FailureKind.InvalidResponse, error.Kind);
        Assert.Contains("200 text/html page instead of JSON", error.Message);
    }

    [Theory]
    [InlineData("openai", """{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assist""")]
    [InlineData("anthropic", """{"id":"msg_1","type":"message","content":[{"type":"te""")]
    [InlineData("google", """{"candidates":[{"content":{"parts":[{"text":"bil""")]
    public async Task Truncated_json_is_invalid_response(string provider, string body)
    {
        var error = await Call(provider, new FakeHandler().Json(200, body));
        Assert.Equal(FailureKind.InvalidResponse, error.Kind);
        Assert.Contains("truncated or malformed JSON", error.Message);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Empty_200_is_invalid_response(string provider)
    {
        var error = await Call(provider, new FakeHandler().Json(200, ""));
        Assert.Equal(FailureKind.InvalidResponse, error.Kind);
        Assert.Contains("empty 200 response", error.Message);
    }

    [Theory]
    [InlineData("openai", "choices")]
    [InlineData("anthropic", "content")]
    [InlineData("google", "candidates")]
    public async Task Json_without_the_expected_fields_is_invalid_response(string provider, string field)
    {
        var error = await Call(provider, new FakeHandler().Json(200, """{"id":"x","object":"something.else"}"""));
        Assert.Equal(FailureKind.InvalidResponse, error.Kind);
        Assert.Contains($"'{field}'", error.Message);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Connection_refused_is_a_connection_failure_naming_the_model(string provider)
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:5999)", new System.Net.Sockets.SocketException(111));
        var error = await Call(provider, new FakeHandler().Throw(refused));
        Assert.Equal(FailureKind.Connection, error.Kind);
        Assert.Contains($"{provider}/{Clients.ModelFor(provider)}", error.Message);
        Assert.Same(refused, error.InnerException);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Connection_reset_mid_body_is_a_connection_failure(string provider)
    {
        var error = await Call(provider, new FakeHandler().Respond(() => Wire.Breaking(200, """{"id":"chatcmpl-1","choi""", "application/json")));
        Assert.Equal(FailureKind.Connection, error.Kind);
        Assert.Contains("broke off", error.Message);
    }

    [Fact]
    public async Task Gemini_blocked_prompt_is_content_policy()
    {
        var error = await Call("google", new FakeHandler().Json(200, Recorded.GeminiPromptBlocked));
        Assert.Equal(FailureKind.ContentPolicy, error.Kind);
        Assert.Equal("SAFETY", error.ProviderErrorCode);
        Assert.Contains("blocked the prompt", error.Message);
    }

    [Fact]
    public async Task Gemini_answer_stopped_for_safety_is_content_policy()
    {
        var error = await Call("google", new FakeHandler().Json(200, Recorded.GeminiAnswerBlocked));
        Assert.Equal(FailureKind.ContentPolicy, error.Kind);
        Assert.Equal("SAFETY", error.ProviderErrorCode);
    }

    [Fact]
    public async Task OpenAI_content_filter_finish_is_content_policy()
    {
        var body = Recorded.OpenAIText.Replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"content_filter\"");
        var error = await Call("openai", new FakeHandler().Json(200, body));
        Assert.Equal(FailureKind.ContentPolicy, error.Kind);
        Assert.Equal("content_filter", error.ProviderErrorCode);
    }

    [Fact]
    public async Task Anthropic_refusal_stop_reason_is_content_policy()
    {
        var body = Recorded.AnthropicText.Replace("\"stop_reason\":\"end_turn\"", "\"stop_reason\":\"refusal\"");
        var error = await Call("anthropic", new FakeHandler().Json(200, body));
        Assert.Equal(FailureKind.ContentPolicy, error.Kind);
        Assert.Equal("refusal", error.ProviderErrorCode);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Caller_cancellation_propagates_unchanged(string provider)
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeHandler().Respond(async (_, token) =>
        {
            cts.Cancel();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var client = Clients.ByName(provider, handler);
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)), cts.Token));
        Assert.Equal(cts.Token, error.CancellationToken);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Caller_cancellation_while_streaming_propagates_unchanged(string provider)
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeHandler().Respond(() => Wire.Response(200, "data: {\"id\":\"x\"", "text/event-stream"));
        var client = Clients.ByName(provider, handler);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Clients.Drain(client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)), cts.Token)));
    }

    private static async Task<ProviderException> Call(string provider, FakeHandler handler)
    {
        var client = Clients.ByName(provider, handler);
        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider))));
        ErrorMappingTests.AssertNoSecrets(error);
        return error;
    }
}
