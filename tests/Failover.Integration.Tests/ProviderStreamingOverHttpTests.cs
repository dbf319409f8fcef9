using Failover.Testing;
using Microsoft.Extensions.AI;

namespace Failover.Integration.Tests;

/// <summary>
/// Streaming at the provider level over real HTTP: each built-in client's <see cref="IChatClient.GetStreamingResponseAsync"/>
/// against the simulator, for every failure that can happen before or inside a stream. (Failover of streams through the
/// engine is covered where the engine's streaming path lives.) The kind asserted is what the engine would classify.
/// </summary>
public sealed class ProviderStreamingOverHttpTests
{
    public sealed record StreamRow(string Failure, Action<ModelScript> Script, FailureKind Kind, bool TextBeforeFailure = false);

    public static readonly StreamRow[] Rows =
    [
        new("rate limited 429 before the stream", s => s.RateLimited(TimeSpan.FromSeconds(2)), FailureKind.RateLimited),
        new("overloaded before the stream", s => s.Overloaded(), FailureKind.Overloaded),
        new("server error 500 before the stream", s => s.ServerError(), FailureKind.ServerError),
        new("auth 401 before the stream", s => s.Unauthorized(), FailureKind.Auth),
        new("model not found 404 before the stream", s => s.ModelNotFound(), FailureKind.ModelUnavailable),
        new("model switched off", s => s.SwitchOff(), FailureKind.ModelUnavailable),
        new("context length exceeded before the stream", s => s.ContextLengthExceeded(), FailureKind.ContextLengthExceeded),
        new("content policy block", s => s.ContentPolicy(), FailureKind.ContentPolicy),
        new("malformed request 400 before the stream", s => s.MalformedRequest(), FailureKind.MalformedRequest),
        new("HTML error page (502) instead of a stream", s => s.HtmlErrorPage(), FailureKind.ServerError),
        new("connection reset before the response", s => s.ResetConnection(), FailureKind.Connection),
        new("connection reset after 5 events", s => s.ResetAfterChunks(5), FailureKind.StreamInterrupted, TextBeforeFailure: true),
        new("stream cut mid-event, ended without its terminator", s => s.StreamCutMidEvent(), FailureKind.StreamInterrupted, TextBeforeFailure: true),
        new("stream ended cleanly after 4 events, before any finish marker", s => s.CutAfterChunks(4), FailureKind.StreamInterrupted, TextBeforeFailure: true),
        new("only a malformed event (data is not JSON), no finish marker", s => s.MalformedJson(), FailureKind.StreamInterrupted),
        new("event larger than the 1 MiB limit", s => s.OversizedEvent(), FailureKind.StreamInterrupted),
        new("empty 200 instead of a stream", s => s.EmptyBody(), FailureKind.StreamInterrupted),
        new("assistant prefill rejected", s => s.RejectsPrefill(), FailureKind.MalformedRequest),
    ];

    public static TheoryData<string, string> Table()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Rows)
        {
            foreach (var wire in WireFormat.All)
            {
                data.Add(row.Failure, wire.Provider);
            }
        }

        return data;
    }

    public static TheoryData<string> Providers() => new(WireFormat.All.Select(static w => w.Provider));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stream_delivers_text_and_usage(string provider)
    {
        var wire = WireFormat.Named(provider);
        var time = new ObservedTime();
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model(wire.Primary).Reply("Your invoice was corrected and a refund is on its way.");
        using var client = ClientFor(wire, sim, time);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Where is my refund?")], new ChatOptions { ModelId = wire.Primary }))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.True(updates.Count(static u => u.Text.Length > 0) > 1, "the text arrived in more than one chunk");
        Assert.Equal("Your invoice was corrected and a refund is on its way.", response.Text);
        Assert.True(response.Usage?.InputTokenCount > 0, "input tokens reported");
        Assert.True(response.Usage?.OutputTokenCount > 0, "output tokens reported");
        Assert.True(sim.LastRequestFor(wire.Primary)!.IsStreaming);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Stream_failure(string failure, string provider)
    {
        var row = Rows.Single(r => r.Failure == failure);
        var wire = WireFormat.Named(provider);
        var time = new ObservedTime();
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model(wire.Primary).Reply("One two three four five six seven eight nine ten eleven twelve.");
        row.Script(sim.Model(wire.Primary));
        using var client = ClientFor(wire, sim, time);

        var text = new System.Text.StringBuilder();
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Prompt(row), new ChatOptions { ModelId = wire.Primary }))
            {
                text.Append(update.Text);
            }
        });

        Assert.NotNull(error);
        var classified = FailureClassifier.Classify(error, CancellationToken.None);
        Assert.True(row.Kind == classified.Kind, $"expected {row.Kind}, got {classified.Kind}: {error.GetType().Name}: {error.Message}");
        if (row.Kind != FailureKind.Connection)
        {
            // The built-in providers classify what they saw themselves; only transport failures surface as raw exceptions.
            Assert.IsType<ProviderException>(error);
        }

        Assert.Equal(row.TextBeforeFailure, text.Length > 0);
        Assert.DoesNotContain("sk-sim", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, sim.RequestCount(wire.Primary));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_malformed_event_in_the_middle_is_skipped_counted_and_the_answer_is_complete(string provider)
    {
        var wire = WireFormat.Named(provider);
        var time = new ObservedTime();
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model(wire.Primary).Reply(Sentence).MalformedEventMidStream();
        using var client = ClientFor(wire, sim, time);

        var updates = await DrainAsync(client.GetStreamingResponseAsync(Ask(), new ChatOptions { ModelId = wire.Primary }));

        Assert.Equal(Sentence, updates.ToChatResponse().Text);
        Assert.Equal(1, updates[^1].AdditionalProperties![StreamSignals.SkippedEvents]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stream_without_its_end_marker_after_the_finish_marker_succeeds_with_usage(string provider)
    {
        var wire = WireFormat.Named(provider);
        var time = new ObservedTime();
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model(wire.Primary).Reply(Sentence).MissingEndMarker();
        using var client = ClientFor(wire, sim, time);

        var response = (await DrainAsync(client.GetStreamingResponseAsync(Ask(), new ChatOptions { ModelId = wire.Primary }))).ToChatResponse();

        Assert.Equal(Sentence, response.Text);
        Assert.NotNull(response.FinishReason);
        Assert.True(response.Usage?.OutputTokenCount > 0, "output tokens reported");
        Assert.True(response.Usage?.InputTokenCount > 0, "input tokens reported");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Headers_arrive_as_a_contentless_update_before_a_late_first_token(string provider)
    {
        var wire = WireFormat.Named(provider);
        var time = new ObservedTime();
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model(wire.Primary).Reply(Sentence).LateFirstToken(TimeSpan.FromSeconds(45));
        using var client = ClientFor(wire, sim, time);

        await using var updates = client.GetStreamingResponseAsync(Ask(), new ChatOptions { ModelId = wire.Primary }).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Empty(updates.Current.Contents);
        Assert.Equal(ChatRole.Assistant, updates.Current.Role);
        Assert.Equal(wire.Primary, updates.Current.ModelId);

        await sim.WaitForLatencyAsync().WaitAsync(Guard);
        var text = new System.Text.StringBuilder();
        var next = NextTextAsync(updates, text);
        Assert.False(next.IsCompleted, "no content before the first token is due");
        time.Advance(TimeSpan.FromSeconds(45));
        await next.WaitAsync(Guard);
        while (await updates.MoveNextAsync())
        {
            text.Append(updates.Current.Text);
        }

        Assert.Equal(Sentence, text.ToString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stall_between_chunks_holds_the_stream_until_the_clock_moves(string provider)
    {
        var wire = WireFormat.Named(provider);
        var time = new ObservedTime();
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model(wire.Primary).Reply(Sentence).StreamStall(afterChunks: 4, TimeSpan.FromMinutes(3));
        using var client = ClientFor(wire, sim, time);

        var call = DrainAsync(client.GetStreamingResponseAsync(Ask(), new ChatOptions { ModelId = wire.Primary }));
        await sim.WaitForLatencyAsync().WaitAsync(Guard);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(Sentence, (await call.WaitAsync(Guard)).ToChatResponse().Text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_endless_stream_is_stopped_by_the_callers_cancellation(string provider)
    {
        var wire = WireFormat.Named(provider);
        var time = new ObservedTime();
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model(wire.Primary).EndlessStream();
        using var client = ClientFor(wire, sim, time);
        using var cts = new CancellationTokenSource();

        var chunks = 0;
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Ask(), new ChatOptions { ModelId = wire.Primary }, cts.Token))
            {
                if (update.Text.Length > 0 && ++chunks == 100)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Equal(100, chunks);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Headers_then_nothing_yields_the_headers_update_and_then_waits_for_cancellation(string provider)
    {
        var wire = WireFormat.Named(provider);
        var time = new ObservedTime();
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model(wire.Primary).HeadersThenNothing();
        using var client = ClientFor(wire, sim, time);
        using var cts = new CancellationTokenSource();

        await using var updates = client.GetStreamingResponseAsync(Ask(), new ChatOptions { ModelId = wire.Primary }, cts.Token).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Empty(updates.Current.Contents);
        var next = updates.MoveNextAsync().AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30); // a broken test fails instead of hanging

    private const string Sentence = "Your invoice was corrected and a refund is on its way.";

    private static List<ChatMessage> Ask() => [new ChatMessage(ChatRole.User, "Where is my refund?")];

    private static async Task<List<ChatResponseUpdate>> DrainAsync(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in stream)
        {
            updates.Add(update);
        }

        return updates;
    }

    private static async Task NextTextAsync(IAsyncEnumerator<ChatResponseUpdate> updates, System.Text.StringBuilder text)
    {
        while (await updates.MoveNextAsync())
        {
            text.Append(updates.Current.Text);
            if (updates.Current.Text.Length > 0)
            {
                return;
            }
        }
    }

    /// <summary>The prefill row sends a partial answer as the last message; every other row a plain question.</summary>
    private static List<ChatMessage> Prompt(StreamRow row) => row.Failure.Contains("prefill", StringComparison.Ordinal)
        ? [new ChatMessage(ChatRole.User, "Count."), new ChatMessage(ChatRole.Assistant, "One two")]
        : [new ChatMessage(ChatRole.User, "Count.")];

    internal static IChatClient ClientFor(WireFormat wire, ProviderSimulator sim, TimeProvider time) => wire.Provider switch
    {
        "openai" => new OpenAIChatClient(new HttpClient(), "sk-sim-openai", new HttpProviderOptions { BaseUrl = sim.OpenAIBaseUrl }, timeProvider: time),
        "anthropic" => new AnthropicChatClient(new HttpClient(), "sk-sim-anthropic", new HttpProviderOptions { BaseUrl = sim.AnthropicBaseUrl }, timeProvider: time),
        _ => new GeminiChatClient(new HttpClient(), "sk-sim-gemini", new HttpProviderOptions { BaseUrl = sim.GeminiBaseUrl }, timeProvider: time),
    };
}
