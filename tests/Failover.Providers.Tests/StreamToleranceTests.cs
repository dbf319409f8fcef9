using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover.Providers.Tests;

/// <summary>The stream contract the engine relies on (StreamSignals, StreamInterrupted), per wire format.</summary>
public sealed class StreamToleranceTests
{
    public static TheoryData<string> Providers => new() { "openai", "anthropic", "google" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task First_update_arrives_with_the_headers_and_carries_no_content(string provider)
    {
        var updates = await Clients.Drain(Clients.ByName(provider, new FakeHandler().Sse(StreamingTests.StreamOf(provider)))
            .GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider))));
        var first = updates[0];
        Assert.Empty(first.Contents);
        Assert.Equal(ChatRole.Assistant, first.Role);
        Assert.Equal(Clients.ModelFor(provider), first.ModelId);
        Assert.Contains(updates.Skip(1), u => u.Text.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Headers_update_is_yielded_before_the_body_sends_anything(string provider)
    {
        var body = new GatedStream();
        var client = Clients.ByName(provider, new FakeHandler().Respond(() => Stream(body)));
        await using var updates = client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider))).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Empty(updates.Current.Contents);
        Assert.Equal(0, body.Reads);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Malformed_event_in_the_middle_is_skipped_and_counted(string provider)
    {
        var events = StreamingTests.StreamOf(provider).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        events.Insert(1, "data: {\"choices\": [{\"delta\": {\"content\": oops}");
        var stream = string.Concat(events.Select(e => e + "\n\n"));
        var updates = await Clients.Drain(Clients.ByName(provider, new FakeHandler().Sse(stream))
            .GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider))));
        Assert.Equal("Hello", updates.ToChatResponse().Text);
        var counted = updates.Where(u => u.AdditionalProperties?.ContainsKey(StreamSignals.SkippedEvents) == true).ToList();
        Assert.NotEmpty(counted);
        Assert.All(counted, u => Assert.Equal(1, u.AdditionalProperties![StreamSignals.SkippedEvents]));
        Assert.Same(updates[^1], counted[^1]);
        Assert.False(updates[0].AdditionalProperties?.ContainsKey(StreamSignals.SkippedEvents) == true);
    }

    [Fact]
    public async Task Malformed_event_after_the_last_update_is_still_reported()
    {
        // Between Anthropic's message_delta (the last update) and message_stop (which yields none).
        var events = StreamingTests.StreamOf("anthropic").Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        events.Insert(events.Count - 1, "event: ping\ndata: not json");
        var updates = await Clients.Drain(Clients.Anthropic(new FakeHandler().Sse(string.Concat(events.Select(e => e + "\n\n"))))
            .GetStreamingResponseAsync(Clients.Hello(), Clients.For("claude-haiku-4-5")));
        Assert.Empty(updates[^1].Contents);
        Assert.Equal(1, updates[^1].AdditionalProperties![StreamSignals.SkippedEvents]);
        Assert.Equal("Hello", updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task OpenAI_done_without_any_finish_reason_is_an_interruption_not_a_success()
    {
        var stream = Wire.Sse("""data: {"id":"c","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""", "data: [DONE]");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(
            Clients.OpenAI(new FakeHandler().Sse(stream)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini"))));
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.Contains("finish_reason", error.Message);
    }

    [Fact]
    public async Task Anthropic_message_stop_without_a_message_start_is_an_interruption()
    {
        var stream = Wire.Sse("event: message_start\ndata: {\"type\":\"message_start\",\"message\": oops", "event: message_stop\ndata: {\"type\":\"message_stop\"}");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(
            Clients.Anthropic(new FakeHandler().Sse(stream)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("claude-haiku-4-5"))));
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.Contains("1 malformed events skipped", error.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Consecutive_malformed_events_make_the_stream_unusable(string provider)
    {
        var garbage = string.Concat(Enumerable.Repeat("data: {oops\n\n", 8));
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(Clients.ByName(provider, new FakeHandler().Sse(garbage))
            .GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)))));
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.Contains($"{provider}/{Clients.ModelFor(provider)} sent 8 malformed events in a row", error.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Event_larger_than_the_limit_fails_without_buffering_it(string provider)
    {
        // An endless line: a reader without a bound would buffer until memory runs out.
        var body = new EndlessStream(Encoding.UTF8.GetBytes("data: {\"text\":\""), (byte)'a');
        var client = Clients.ByName(provider, new FakeHandler().Respond(() => Stream(body)));
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)))));
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.Contains("exceeded 1048576 bytes", error.Message);
        Assert.InRange(body.Served, 1024 * 1024, 3 * 1024 * 1024); // the parser reads in growing blocks, never much past the bound
    }

    [Fact]
    public async Task Event_limit_is_configurable_and_counts_one_event_not_the_stream()
    {
        var events = StreamingTests.StreamOf("openai");
        var small = Clients.OpenAI(new FakeHandler().Sse(events), o => o.MaxStreamEventBytes = 1024);
        Assert.Equal("Hello", (await Clients.Drain(small.GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")))).ToChatResponse().Text);

        var big = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string('x', 2048) + "\"},\"finish_reason\":\"stop\"}]}\n\n";
        var tooSmall = Clients.OpenAI(new FakeHandler().Sse(big), o => o.MaxStreamEventBytes = 1024);
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(tooSmall.GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini"))));
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.Contains("MaxStreamEventBytes", error.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Endless_keep_alive_stream_is_stopped_by_cancellation(string provider)
    {
        using var cts = new CancellationTokenSource();
        var body = new EndlessStream(Encoding.UTF8.GetBytes(": ping\n\n"), null, afterReads: 500, onReads: cts.Cancel);
        var client = Clients.ByName(provider, new FakeHandler().Respond(() => Stream(body)));
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Clients.Drain(client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)), cts.Token)));
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.InRange(body.Reads, 500, 502);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Headers_then_nothing_waits_for_the_caller_and_cancels_promptly(string provider)
    {
        using var cts = new CancellationTokenSource();
        var body = new GatedStream();
        var client = Clients.ByName(provider, new FakeHandler().Respond(() => Stream(body)));
        await using var updates = client.GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)), cts.Token).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        var next = updates.MoveNextAsync().AsTask();
        await body.Waiting.Task;
        Assert.False(next.IsCompleted); // no hidden timeout: the provider waits as long as the caller does
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Cancellation_while_waiting_for_headers_is_prompt(string provider)
    {
        using var cts = new CancellationTokenSource();
        var waiting = new TaskCompletionSource();
        var handler = new FakeHandler().Respond(async (_, token) =>
        {
            waiting.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var call = Clients.Drain(Clients.ByName(provider, handler).GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)), cts.Token));
        await waiting.Task;
        cts.Cancel();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Anthropic_overloaded_error_after_content_is_classified_like_its_http_status()
    {
        var stream = Wire.Sse(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}",
            "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(
            Clients.Anthropic(new FakeHandler().Sse(stream)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("claude-haiku-4-5"))));
        Assert.Equal(FailureKind.Overloaded, error.Kind);
    }

    [Fact]
    public async Task OpenAI_rate_limit_error_object_mid_stream_is_rate_limited()
    {
        var stream = Wire.Sse(
            """data: {"id":"c","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""",
            """data: {"error":{"message":"Rate limit reached for gpt-5-mini","type":"requests","param":null,"code":"rate_limit_exceeded"}}""");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(
            Clients.OpenAI(new FakeHandler().Sse(stream)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini"))));
        Assert.Equal(FailureKind.RateLimited, error.Kind);
    }

    [Fact]
    public async Task Gemini_error_mid_stream_is_classified_like_its_http_status()
    {
        var stream = Wire.Sse(
            """data: {"candidates": [{"content": {"parts": [{"text": "Hel"}],"role": "model"},"index": 0}],"modelVersion": "gemini-2.5-flash"}""",
            """data: {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}""");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(
            Clients.Gemini(new FakeHandler().Sse(stream)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gemini-2.5-flash"))));
        Assert.Equal(FailureKind.Overloaded, error.Kind);
    }

    [Theory]
    [InlineData("openai", """data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}]}""")]
    [InlineData("anthropic", "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"},\"usage\":{\"output_tokens\":1}}")]
    [InlineData("google", """data: {"candidates":[{"finishReason":"SAFETY","index":0}],"modelVersion":"gemini-2.5-flash"}""")]
    public async Task Content_filter_finish_reason_stays_content_policy(string provider, string stop)
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.Drain(Clients.ByName(provider, new FakeHandler().Sse(Wire.Sse(stop)))
            .GetStreamingResponseAsync(Clients.Hello(), Clients.For(Clients.ModelFor(provider)))));
        Assert.Equal(FailureKind.ContentPolicy, error.Kind);
    }

    [Fact]
    public async Task Crlf_framed_events_parse_like_lf_ones()
    {
        var crlf = StreamingTests.StreamOf("google").Replace("\n", "\r\n", StringComparison.Ordinal);
        var response = (await Clients.Drain(Clients.Gemini(new FakeHandler().Sse(crlf)).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gemini-2.5-flash")))).ToChatResponse();
        Assert.Equal("Hello", response.Text);
    }

    private static HttpResponseMessage Stream(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A body that repeats a prefix once and then one byte (or the prefix again) forever.</summary>
    private sealed class EndlessStream(byte[] prefix, byte? fill, int afterReads = int.MaxValue, Action? onReads = null) : Stream
    {
        private int _position;

        public long Served { get; private set; }

        public int Reads { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ValueTask<int>(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (++Reads == afterReads)
            {
                onReads?.Invoke();
            }

            var n = 0;
            while (n < buffer.Length)
            {
                if (fill is null || _position < prefix.Length)
                {
                    buffer[n++] = prefix[_position++ % prefix.Length];
                    if (fill is null && _position == prefix.Length)
                    {
                        _position = 0;
                        break;
                    }
                }
                else
                {
                    buffer[n++] = fill.Value;
                }
            }

            Served += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body that never sends a byte: every read waits for cancellation.</summary>
    private sealed class GatedStream : Stream
    {
        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            Waiting.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
