using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

/// <summary>
/// Issue 15: the stream's own enumerator (no async iterator between the provider and the caller) and its one timer per
/// attempt. Disposal at every point, the caller's cancel while a request waits, providers that answer at once or later,
/// the stall limit while the caller or the provider is slow, the total timeout on the same timer. Fake clock and signals only.
/// </summary>
public sealed class StreamEnumeratorTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static IList<ChatMessage> Prompt => [new ChatMessage(ChatRole.User, "write")];

    private static RouteDescriptor With(RouteDescriptor r, TimeSpan? stall = null, TimeSpan? total = null) => new()
    {
        Name = r.Name,
        Interface = r.Interface,
        Method = r.Method,
        Primary = r.Primary,
        Fallbacks = r.Fallbacks,
        Retry = r.Retry,
        StallTimeout = stall,
        TotalTimeout = total,
    };

    /// <summary>What a provider's stream did: how far it got and whether it was disposed.</summary>
    private sealed class Script
    {
        public bool Disposed;
        public readonly TaskCompletionSource Waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Headers (no content), the texts, then a usage update; awaits before each update when <paramref name="async"/>.</summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> Answer(bool async, Script script, string[] texts, [EnumeratorCancellation] CancellationToken token = default)
    {
        try
        {
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant };
            foreach (var text in texts)
            {
                if (async)
                {
                    await Task.Yield();
                }

                token.ThrowIfCancellationRequested();
                yield return new ChatResponseUpdate(ChatRole.Assistant, text);
            }

            if (async)
            {
                await Task.Yield();
            }

            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = [new UsageContent(new UsageDetails { InputTokenCount = 7, OutputTokenCount = 12 })] };
        }
        finally
        {
            script.Disposed = true;
        }
    }

    /// <summary>One chunk, then a wait that only the token ends (no timer of its own).</summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> OneThenSilence(Script script, [EnumeratorCancellation] CancellationToken token = default)
    {
        try
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "a");
            script.Waiting.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "never");
        }
        finally
        {
            script.Disposed = true;
        }
    }

    [Fact]
    public async Task Disposing_before_the_first_MoveNext_calls_no_model_and_leaves_nothing_open()
    {
        using var f = new EngineFixture();
        var script = new Script();
        f.OpenAI.Stream("gpt-5-mini", token => Answer(false, script, ["a"], token));

        var enumerator = f.Engine.StreamTextAsync(Route("openai/gpt-5-mini"), Prompt).GetAsyncEnumerator();
        await enumerator.DisposeAsync();
        await enumerator.DisposeAsync(); // twice is harmless

        Assert.False(await enumerator.MoveNextAsync()); // a disposed stream has ended
        Assert.Empty(f.OpenAI.Calls);
        Assert.Empty(f.Events.Events);
        Assert.Equal(0, f.Time.LiveTimers);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disposing_mid_stream_releases_the_providers_enumerator_and_the_timer(bool async)
    {
        using var f = new EngineFixture();
        var script = new Script();
        f.OpenAI.Stream("gpt-5-mini", token => Answer(async, script, ["a", "b", "c"], token));
        var route = With(Route("openai/gpt-5-mini"), stall: TimeSpan.FromSeconds(3));

        var stream = f.Engine.StreamTextAsync(route, Prompt);
        var enumerator = stream.GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal("a", enumerator.Current);
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal(1, f.Time.LiveTimers); // the attempt's one timer, for every limit
        Assert.False(script.Disposed);

        await enumerator.DisposeAsync();

        Assert.True(script.Disposed);
        Assert.Equal(0, f.Time.LiveTimers);
        f.Time.Advance(TimeSpan.FromMinutes(1)); // nothing is left to fire
        Assert.DoesNotContain(f.Events.Events, static e => e.Failure != FailureKind.None);
        Assert.False(stream.IsCompleted); // a stream the caller left is not a complete answer
        Assert.False(await enumerator.MoveNextAsync());
    }

    [Theory]
    [InlineData("method token")]
    [InlineData("WithCancellation")]
    [InlineData("both")]
    public async Task Cancelling_while_a_MoveNextAsync_waits_ends_the_stream_as_the_callers_cancel(string how)
    {
        using var f = new EngineFixture();
        var script = new Script();
        f.OpenAI.Stream("gpt-5-mini", token => OneThenSilence(script, token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Answer(false, new Script(), ["unused"], token));
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");
        using var cancel = new CancellationTokenSource();
        using var other = new CancellationTokenSource();

        var stream = how == "WithCancellation"
            ? f.Engine.StreamTextAsync(route, Prompt)
            : f.Engine.StreamTextAsync(route, Prompt, null, null, cancel.Token);
        var enumerator = stream.GetAsyncEnumerator(how == "method token" ? default : how == "both" ? other.Token : cancel.Token);
        Assert.True(await enumerator.MoveNextAsync());
        var pending = enumerator.MoveNextAsync();
        await script.Waiting.Task.WaitAsync(Guard);
        Assert.False(pending.IsCompleted);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending.AsTask().WaitAsync(Guard));
        Assert.True(script.Disposed);
        Assert.Equal(0, f.Time.LiveTimers);
        Assert.Empty(f.Anthropic.Calls); // the caller's cancel never moves the stream to another model
        var attempt = Assert.Single(stream.Attempts);
        Assert.Equal(FailureKind.Cancelled, attempt.Failure);
        Assert.Equal(RouteOutcome.Cancelled, f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Completed).Outcome);
        await enumerator.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_provider_that_answers_at_once_and_one_that_awaits_give_the_same_stream(bool async)
    {
        using var f = new EngineFixture();
        var script = new Script();
        f.OpenAI.Stream("gpt-5-mini", token => Answer(async, script, ["Hel", "lo"], token));
        var route = Route("openai/gpt-5-mini");

        var text = f.Engine.StreamTextAsync(route, Prompt);
        Assert.Equal(["Hel", "lo"], await text.ToListAsync());
        var updates = f.Engine.StreamUpdatesAsync(route, Prompt);
        var all = await updates.ToListAsync();

        Assert.Equal(4, all.Count); // headers, two chunks, usage: an update stream gets every update
        Assert.Equal("Hello", string.Concat(all.Select(static u => u.Text)));
        foreach (var stream in new[] { (text.IsCompleted, text.ServedBy, text.Usage, text.Attempts, text.OutputTokens, text.Cost), (updates.IsCompleted, updates.ServedBy, updates.Usage, updates.Attempts, updates.OutputTokens, updates.Cost) })
        {
            Assert.True(stream.IsCompleted);
            Assert.Equal("openai/gpt-5-mini", stream.ServedBy!.Id);
            Assert.Equal(12, stream.Usage!.OutputTokenCount);
            Assert.Equal(7, stream.Usage.InputTokenCount);
            var served = Assert.Single(stream.Attempts);
            Assert.True(served.Succeeded);
            Assert.Equal(12, served.OutputTokens);
            Assert.Equal(12, stream.OutputTokens);
            Assert.NotNull(stream.Cost);
        }

        Assert.True(script.Disposed);
        Assert.Equal(0, f.Time.LiveTimers);
        Assert.Equal(2, f.Events.Events.Count(static e => e.Kind == RoutingEventKind.Attempt && e.Failure == FailureKind.None && e.TimeToFirstToken is not null));
    }

    /// <summary>A provider enumerator that throws from MoveNextAsync itself (not through the ValueTask) after its chunks.</summary>
    private sealed class ThrowingAtOnce(string[] texts, Exception error) : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
    {
        private int _next = -1;

        public bool Disposed { get; private set; }

        public ChatResponseUpdate Current => new(ChatRole.Assistant, texts[_next]);

        public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

        public ValueTask<bool> MoveNextAsync() => ++_next < texts.Length ? new ValueTask<bool>(true) : throw error;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return default;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_provider_that_throws_at_once_after_content_breaks_the_stream_like_one_that_faults_its_task(bool restart)
    {
        using var f = new EngineFixture();
        var cut = new ThrowingAtOnce(["Hel", "lo"], new ProviderException(FailureKind.StreamInterrupted, "cut"));
        f.OpenAI.Stream("gpt-5-mini", _ => cut);
        f.Anthropic.Stream("claude-haiku-4-5", token => Answer(false, new Script(), ["Hi"], token));
        var route = new RouteDescriptor
        {
            Name = "Tests.Route",
            Interface = "Tests.IRoutes",
            Method = "RunAsync",
            Primary = new ModelTarget("openai/gpt-5-mini"),
            Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5")],
            StreamRecovery = restart ? StreamRecovery.Restart : StreamRecovery.None,
        };

        var received = new List<string>();
        var stream = f.Engine.StreamTextAsync(route, Prompt);
        var run = async () =>
        {
            await foreach (var chunk in stream)
            {
                received.Add(chunk);
            }
        };

        if (restart)
        {
            await run();
            Assert.Equal(["Hel", "lo", "Hi"], received);
            Assert.Equal(1, stream.Restarts);
            Assert.Equal([FailureKind.StreamInterrupted, FailureKind.None], stream.Attempts.Select(static a => a.Failure));
        }
        else
        {
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(run);
            Assert.Equal(["Hel", "lo"], received);
            Assert.Equal(2, error.ChunksDelivered);
            Assert.Equal(5, error.CharactersDelivered);
            Assert.Equal(FailureKind.StreamInterrupted, error.Failure);
            Assert.False(stream.IsCompleted);
        }

        Assert.True(cut.Disposed);
        Assert.Equal(0, f.Time.LiveTimers);
    }

    [Fact]
    public async Task Without_a_listener_the_served_attempt_is_still_reported_when_the_caller_reads_it()
    {
        var time = new ObservedTime();
        var client = new ScriptedChatClient();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddFailover(b => b.AddProvider("openai", client));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<FailoverEngine>();
        client.Stream("gpt-5-mini", token => Answer(false, new Script(), ["Hel", "lo"], token));

        var stream = engine.StreamTextAsync(Route("openai/gpt-5-mini"), Prompt);
        Assert.Empty(stream.Attempts); // nothing ran yet
        Assert.Equal(["Hel", "lo"], await stream.ToListAsync());

        var served = Assert.Single(stream.Attempts);
        Assert.Same(served, Assert.Single(stream.Attempts)); // built once
        Assert.Equal(1, served.Number);
        Assert.Equal("openai/gpt-5-mini", served.Model.Id);
        Assert.Equal((7, 12), (served.InputTokens, served.OutputTokens));
        Assert.Equal(new ModelTarget("openai/gpt-5-mini", 100_000, 1m, 2m).CostOf(7, 12), served.Cost);
        Assert.Equal((7, 12), (stream.InputTokens, stream.OutputTokens));

        // Each enumeration runs the route again; the properties describe the latest.
        var again = stream.GetAsyncEnumerator();
        Assert.Empty(stream.Attempts);
        Assert.False(stream.IsCompleted);
        while (await again.MoveNextAsync())
        {
        }

        await again.DisposeAsync();
        Assert.True(stream.IsCompleted);
        Assert.Single(stream.Attempts);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_caller_that_holds_a_chunk_past_the_stall_limit_ends_the_stream_as_a_stall(int taken)
    {
        using var f = new EngineFixture();
        var script = new Script();
        f.OpenAI.Stream("gpt-5-mini", token => Answer(false, script, ["a", "b", "c"], token));
        var route = With(Route("openai/gpt-5-mini"), stall: TimeSpan.FromSeconds(3));

        var enumerator = f.Engine.StreamTextAsync(route, Prompt).GetAsyncEnumerator();
        for (var i = 0; i < taken; i++)
        {
            Assert.True(await enumerator.MoveNextAsync());
        }

        // The provider answered every request at once, so no request waited: the limit counts from the last look of the
        // timer at which no request had come since. Taking one chunk asks nothing after the open (cut after one limit);
        // taking a second asked once more, so the timer first counts again from its first look (cut after two).
        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(3));
        f.Time.Advance(TimeSpan.FromSeconds(3));
        if (taken == 2)
        {
            await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(3), count: 2);
            f.Time.Advance(TimeSpan.FromSeconds(3));
        }

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () => await enumerator.MoveNextAsync());
        Assert.Equal(FailureKind.Timeout, error.Failure);
        Assert.Equal(taken, error.ChunksDelivered);
        Assert.Contains("stall timeout of 3000 ms", error.Attempts[^1].Message);
        Assert.True(script.Disposed);
        Assert.Equal(0, f.Time.LiveTimers);
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task The_stall_limit_counts_from_the_request_that_waits_not_from_when_the_stream_opened()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Paced(f.Time, token));
        var route = With(Route("openai/gpt-5-mini"), stall: TimeSpan.FromSeconds(3));
        var received = new List<string>();

        var run = Task.Run(async () =>
        {
            await foreach (var chunk in f.Engine.StreamTextAsync(route, Prompt))
            {
                lock (received)
                {
                    received.Add(chunk);
                }
            }
        });

        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(3)); // open at T: the stall limit runs
        await f.Time.WaitForTimersAsync(TimeSpan.FromSeconds(2)); // the provider takes 2 s for "b"
        f.Time.Advance(TimeSpan.FromSeconds(2));
        await f.Time.WaitForTimersAsync(TimeSpan.FromMinutes(5)); // "b" arrived and the engine asked for "c": the provider goes silent
        f.Time.Advance(TimeSpan.FromSeconds(1));

        // T+3: three seconds since the stream opened but one since the latest request, which is not a stall. The timer
        // re-arms instead of cutting (for what is left since that request, or a whole limit if it could not know yet).
        await f.Time.WaitForArmedAsync(static d => d == TimeSpan.FromSeconds(2) || d == TimeSpan.FromSeconds(3), count: 3);
        Assert.False(run.IsCompleted);
        lock (received)
        {
            Assert.Equal(["a", "b"], received);
        }

        f.Time.Advance(TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => run.WaitAsync(Guard));
        Assert.Equal(FailureKind.Timeout, error.Failure);
        Assert.Equal(2, error.ChunksDelivered);
        Assert.Equal(0, f.Time.LiveTimers);

        static async IAsyncEnumerable<ChatResponseUpdate> Paced(TimeProvider time, [EnumeratorCancellation] CancellationToken token = default)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "a");
            await Task.Delay(TimeSpan.FromSeconds(2), time, token);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "b");
            await Task.Delay(TimeSpan.FromMinutes(5), time, token);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "c");
        }
    }

    [Fact]
    public async Task The_total_timeout_ends_an_open_stream_on_the_attempts_own_timer()
    {
        using var f = new EngineFixture();
        var script = new Script();
        f.OpenAI.Stream("gpt-5-mini", token => OneThenSilence(script, token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Answer(false, new Script(), ["unused"], token));
        var route = With(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), total: TimeSpan.FromSeconds(10));

        var run = f.Engine.StreamTextAsync(route, Prompt).ToListAsync().AsTask();
        await script.Waiting.Task.WaitAsync(Guard);
        // Armed twice for the deadline, nearer than the attempt limit (60 s) and then the stall limit (30 s).
        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(10), count: 2);
        Assert.Equal(1, f.Time.LiveTimers); // one timer for the attempt, the stall and the total limit
        f.Time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => run.WaitAsync(Guard));
        Assert.Equal(FailureKind.Timeout, error.Failure);
        Assert.Contains("total timeout", error.Attempts[^1].Message);
        Assert.Empty(f.Anthropic.Calls);
        Assert.True(script.Disposed);
        Assert.Equal(0, f.Time.LiveTimers);
    }
}
