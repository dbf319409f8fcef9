using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover.Providers.Tests;

public sealed class StreamingTests
{
    private static readonly string s_openAi = Wire.Sse(
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}""",
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}],"usage":null}""",
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}],"usage":null}""",
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}""",
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}""",
        "data: [DONE]");

    private static readonly string s_openAiTools = Wire.Sse(
        """data: {"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""",
        """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":"}}]},"finish_reason":null}]}""",
        """data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}]}""",
        """data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
        "data: [DONE]");

    private static readonly string s_anthropic = Wire.Sse(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-haiku-4-5-20251001\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "event: ping\ndata: {\"type\": \"ping\"}",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\": \\\"Par\"}}",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\"}\"}}",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}");

    private static readonly string s_gemini = Wire.Sse(
        """data: {"candidates": [{"content": {"parts": [{"text": "Hel"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 7,"totalTokenCount": 7},"modelVersion": "gemini-2.5-flash","responseId": "r1"}""",
        """data: {"candidates": [{"content": {"parts": [{"text": "lo"}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 7,"candidatesTokenCount": 2,"totalTokenCount": 9},"modelVersion": "gemini-2.5-flash","responseId": "r1"}""");

    [Fact]
    public async Task OpenAI_stream_text_and_usage()
    {
        var updates = await Clients.Drain(Clients.OpenAI(new FakeHandler().Sse(s_openAi)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")));
        var response = updates.ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.Equal(9, response.Usage!.InputTokenCount);
        Assert.Equal(2, response.Usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task OpenAI_stream_assembles_tool_call_arguments()
    {
        var updates = await Clients.Drain(Clients.OpenAI(new FakeHandler().Sse(s_openAiTools)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")));
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("Paris", call.Arguments!["location"]!.ToString());
    }

    [Fact]
    public async Task Anthropic_stream_text_tool_use_and_usage()
    {
        var updates = await Clients.Drain(Clients.Anthropic(new FakeHandler().Sse(s_anthropic)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("claude-haiku-4-5")));
        var response = updates.ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.Equal(25, response.Usage!.InputTokenCount);
        Assert.Equal(15, response.Usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("toolu_1", call.CallId);
        Assert.Equal("Paris", call.Arguments!["location"]!.ToString());
    }

    [Fact]
    public async Task Gemini_stream_text_and_usage()
    {
        var updates = await Clients.Drain(Clients.Gemini(new FakeHandler().Sse(s_gemini)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gemini-2.5-flash")));
        var response = updates.ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.Equal(7, response.Usage!.InputTokenCount);
        Assert.Equal(2, response.Usage.OutputTokenCount);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Stream_cut_mid_event_is_stream_interrupted_after_the_chunks_already_delivered(string provider)
    {
        var full = StreamOf(provider);
        var cut = full[..(full.IndexOf("lo\"", System.StringComparison.Ordinal) + 1)]; // ends inside an event
        var client = Clients.ByName(provider, new FakeHandler().Sse(cut));
        var received = new System.Collections.Generic.List<ChatResponseUpdate>();
        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider))))
            {
                received.Add(update);
            }
        });
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.Contains(provider + "/" + Clients.ModelFor(provider), error.Message);
        Assert.Contains("cut off", error.Message);
        Assert.Contains("Hel", string.Concat(received.Select(u => u.Text)));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Stream_that_ends_after_its_finish_marker_is_complete_with_usage(string provider)
    {
        // OpenAI without [DONE]; Anthropic without message_stop: the finish reason and the usage have arrived.
        var events = StreamOf(provider).Split("\n\n", System.StringSplitOptions.RemoveEmptyEntries);
        var withoutLast = string.Concat(events[..^1].Select(e => e + "\n\n"));
        var client = Clients.ByName(provider, new FakeHandler().Sse(withoutLast));
        var response = (await Clients.Drain(client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider))))).ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.NotNull(response.FinishReason);
        Assert.True(response.Usage!.OutputTokenCount > 0);
    }

    [Fact]
    public async Task OpenAI_stream_that_ends_after_finish_reason_without_usage_or_done_is_complete()
    {
        var events = s_openAi.Split("\n\n", System.StringSplitOptions.RemoveEmptyEntries);
        var throughFinish = string.Concat(events[..^2].Select(e => e + "\n\n"));
        var response = (await Clients.Drain(Clients.OpenAI(new FakeHandler().Sse(throughFinish)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")))).ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Theory]
    [InlineData("openai", "finish_reason", 3)]
    [InlineData("anthropic", "message_stop", 3)]
    [InlineData("google", "finishReason", 1)]
    public async Task Stream_that_ends_without_any_finish_marker_is_stream_interrupted(string provider, string marker, int dropped)
    {
        var events = StreamOf(provider).Split("\n\n", System.StringSplitOptions.RemoveEmptyEntries);
        var truncated = string.Concat(events[..^dropped].Select(e => e + "\n\n"));
        var client = Clients.ByName(provider, new FakeHandler().Sse(truncated));
        var received = new System.Collections.Generic.List<ChatResponseUpdate>();
        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider))))
            {
                received.Add(update);
            }
        });
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.Contains(marker, error.Message);
        Assert.Contains(provider + "/" + Clients.ModelFor(provider), error.Message);
        Assert.Contains("Hel", string.Concat(received.Select(u => u.Text)));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public async Task Connection_reset_mid_stream_is_stream_interrupted(string provider)
    {
        var full = StreamOf(provider);
        var handler = new FakeHandler().Respond(() => Wire.Breaking(200, full[..(full.Length / 2)], "text/event-stream"));
        var client = Clients.ByName(provider, handler);
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)))));
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.Contains(provider + "/" + Clients.ModelFor(provider) + " broke off its event stream", error.Message);
        Assert.IsType<System.IO.IOException>(error.InnerException);
    }

    internal static string StreamOf(string provider) => provider switch { "openai" => s_openAi, "anthropic" => s_anthropic, _ => s_gemini };

    [Fact]
    public async Task Anthropic_error_event_mid_stream_is_classified()
    {
        var stream = Wire.Sse(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}",
            "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(
            Clients.Anthropic(new FakeHandler().Sse(stream)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("claude-haiku-4-5"))));
        Assert.Equal(FailureKind.Overloaded, error.Kind);
        Assert.Equal("overloaded_error", error.ProviderErrorCode);
        Assert.Contains("anthropic/claude-haiku-4-5", error.Message);
    }

    [Fact]
    public async Task OpenAI_error_object_mid_stream_is_classified()
    {
        var stream = Wire.Sse("""data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(
            Clients.OpenAI(new FakeHandler().Sse(stream)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini"))));
        Assert.Equal(FailureKind.ServerError, error.Kind);
    }

    [Fact]
    public async Task Gemini_safety_stop_mid_stream_is_content_policy()
    {
        var stream = Wire.Sse("""data: {"candidates":[{"finishReason":"SAFETY","index":0}],"modelVersion":"gemini-2.5-flash"}""");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(
            Clients.Gemini(new FakeHandler().Sse(stream)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gemini-2.5-flash"))));
        Assert.Equal(FailureKind.ContentPolicy, error.Kind);
    }

    [Fact]
    public async Task Streaming_http_error_is_thrown_before_any_update()
    {
        var handler = new FakeHandler().Json(429, """{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", ("retry-after", "2"));
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(Clients.OpenAI(handler).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini"))));
        Assert.Equal(FailureKind.RateLimited, error.Kind);
        Assert.Equal(System.TimeSpan.FromSeconds(2), error.RetryAfter);
    }
}
