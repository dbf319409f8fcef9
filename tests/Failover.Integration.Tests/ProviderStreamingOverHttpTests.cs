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
        new("connection reset after 5 events", s => s.ResetAfterChunks(5), FailureKind.Connection, TextBeforeFailure: true),
        new("stream cut mid-event, ended without its terminator", s => s.StreamCutMidEvent(), FailureKind.InvalidResponse, TextBeforeFailure: true),
        new("malformed event (data is not JSON)", s => s.MalformedJson(), FailureKind.InvalidResponse),
        new("empty 200 instead of a stream", s => s.EmptyBody(), FailureKind.InvalidResponse),
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
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Count.")], new ChatOptions { ModelId = wire.Primary }))
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

    internal static IChatClient ClientFor(WireFormat wire, ProviderSimulator sim, TimeProvider time) => wire.Provider switch
    {
        "openai" => new OpenAIChatClient(new HttpClient(), "sk-sim-openai", new HttpProviderOptions { BaseUrl = sim.OpenAIBaseUrl }, timeProvider: time),
        "anthropic" => new AnthropicChatClient(new HttpClient(), "sk-sim-anthropic", new HttpProviderOptions { BaseUrl = sim.AnthropicBaseUrl }, timeProvider: time),
        _ => new GeminiChatClient(new HttpClient(), "sk-sim-gemini", new HttpProviderOptions { BaseUrl = sim.GeminiBaseUrl }, timeProvider: time),
    };
}
