using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

/// <summary>Issue 9: time limits, retry by kind and stream recovery, with scripted clients on a fake clock.</summary>
public sealed class StreamLimitsAndRecoveryTests
{
    private static IList<ChatMessage> Prompt => [new ChatMessage(ChatRole.User, "write")];

    private static RouteDescriptor With(RouteDescriptor r, TimeSpan? attempt = null, TimeSpan? firstToken = null, TimeSpan? stall = null, TimeSpan? total = null, StreamRecovery recovery = StreamRecovery.None, params ModelTarget[] fallbacks) => new()
    {
        Name = r.Name,
        Interface = r.Interface,
        Method = r.Method,
        Primary = r.Primary,
        Fallbacks = fallbacks.Length > 0 ? fallbacks : r.Fallbacks,
        Retry = r.Retry,
        AttemptTimeout = attempt,
        FirstTokenTimeout = firstToken,
        StallTimeout = stall,
        TotalTimeout = total,
        StreamRecovery = recovery,
    };

    /// <summary>Headers at once (an empty assistant update, as the built-in providers send), then the texts after their delays.</summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> Timed(TimeProvider time, TimeSpan firstDelay, string[] texts, Exception? breakWith = null, TimeSpan? gap = null, long outputTokens = 0, [EnumeratorCancellation] CancellationToken token = default)
    {
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant };
        if (firstDelay > TimeSpan.Zero)
        {
            await Task.Delay(firstDelay, time, token);
        }

        for (var i = 0; i < texts.Length; i++)
        {
            if (i > 0 && gap is { } g)
            {
                await Task.Delay(g, time, token);
            }

            await Task.Yield();
            token.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, texts[i]);
        }

        if (breakWith is not null)
        {
            throw breakWith;
        }

        if (outputTokens > 0)
        {
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = [new UsageContent(new UsageDetails { InputTokenCount = 7, OutputTokenCount = outputTokens })] };
        }
    }

    /// <summary>
    /// Waits until the engine reached the provider <paramref name="count"/> times. The engine continues on the thread
    /// pool after a fake-clock timer fires, which under a loaded machine takes more than a few yields; no clock is read.
    /// </summary>
    private static Task WaitForCalls(ScriptedChatClient client, int count) => client.WaitForCallsAsync(count);

    /// <summary>Runs <paramref name="body"/> on this thread up to its first real wait, so the test can drive the fake clock at once.</summary>
    private static Task<T> Start<T>(Func<Task<T>> body) => body();

    private static Task Start(Func<Task> body) => body();

    private static async Task<T> Settle<T>(Task<T> task)
    {
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            await Task.Yield();
        }

        return await task;
    }

    [Fact]
    public async Task A_silent_model_is_tried_once_then_the_fallback_serves_plain()
    {
        using var f = new EngineFixture();
        f.OpenAI.Hang("gpt-5-mini");
        f.Anthropic.Reply("claude-haiku-4-5", "fallback answer");
        var route = With(Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5"), attempt: TimeSpan.FromSeconds(5));

        var call = f.RunAsync(route);
        await WaitForCalls(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromSeconds(5));
        var result = await Settle(call);

        Assert.Equal("fallback answer", result.Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Equal(FailureKind.NoResponse, result.Attempts[0].Failure);
        Assert.Contains("attempt timeout of 5000 ms", result.Attempts[0].Message);
        Assert.True(result.IsFallback);
        Assert.Equal(SlotRole.Fallback, result.ServedRole);
    }

    [Fact]
    public async Task RetryOn_opts_a_silent_model_back_in_and_NoRetryOn_opts_a_rate_limit_out()
    {
        using var f = new EngineFixture();
        f.OpenAI.Hang("gpt-5-mini");
        f.Anthropic.Reply("claude-haiku-4-5", "fallback answer");
        var retry = new RetryRule { MaxAttempts = 2, BaseDelay = TimeSpan.Zero, Jitter = false, RetryOn = [FailureKind.NoResponse] };
        var route = With(Route("openai/gpt-5-mini", retry, "anthropic/claude-haiku-4-5"), attempt: TimeSpan.FromSeconds(5));

        var call = f.RunAsync(route);
        await WaitForCalls(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromSeconds(5));
        await WaitForCalls(f.OpenAI, 2);
        f.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("fallback answer", (await Settle(call)).Value);
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));

        using var g = new EngineFixture();
        g.OpenAI.FailHttp("gpt-5-mini", FailureKind.RateLimited, 429);
        g.Anthropic.Reply("claude-haiku-4-5", "moved on");
        var noRetry = new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, Jitter = false, NoRetryOn = [FailureKind.RateLimited] };
        Assert.Equal("moved on", (await g.RunAsync(Route("openai/gpt-5-mini", noRetry, "anthropic/claude-haiku-4-5"))).Value);
        Assert.Equal(1, g.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Headers_at_once_but_a_very_late_first_token_fails_over_on_the_first_token_limit(bool updates)
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Timed(f.Time, TimeSpan.FromMinutes(2), ["late"], token: token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["quick"], token: token));
        var route = With(Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5"), firstToken: TimeSpan.FromSeconds(4));

        var stream = f.Engine.StreamUpdatesAsync(route, Prompt);
        var text = Start(async () => updates
            ? string.Concat((await stream.ToListAsync()).Select(static u => u.Text))
            : string.Concat(await f.Engine.StreamTextAsync(route, Prompt).ToListAsync()));
        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(4)); // headers are in: the first-token limit runs
        f.Time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal("quick", await text);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        var silent = f.Events.Events.First(static e => e.Kind == RoutingEventKind.Attempt);
        Assert.Equal(FailureKind.NoResponse, silent.Failure);
        Assert.Contains("first-token timeout of 4000 ms", silent.Reason);
    }

    [Fact]
    public async Task A_stalled_stream_is_cut_by_the_stall_limit_and_surfaces_as_a_typed_interruption_by_default()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Timed(f.Time, TimeSpan.Zero, ["Hel", "lo"], gap: TimeSpan.FromMinutes(5), token: token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["unused"], token: token));
        var route = With(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), stall: TimeSpan.FromSeconds(3));

        var received = new List<string>();
        var run = Start(async () =>
        {
            await foreach (var chunk in f.Engine.StreamTextAsync(route, Prompt))
            {
                received.Add(chunk);
            }
        });
        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(3)); // content flows: the stall limit runs
        f.Time.Advance(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => run);
        Assert.Equal(["Hel"], received);
        Assert.Equal(FailureKind.Timeout, error.Failure);
        Assert.Contains("stall timeout of 3000 ms", error.Attempts[^1].Message);
        Assert.Empty(f.Anthropic.Calls);
    }

    [Fact]
    public async Task Restart_gives_a_reset_marker_then_the_fallbacks_complete_answer_without_a_prefill_and_reports_who_served()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Timed(f.Time, TimeSpan.Zero, ["Hel", "lo wor"], new ProviderException(FailureKind.StreamInterrupted, "cut mid-body"), token: token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["Hi ", "there."], outputTokens: 12, token: token));
        var route = With(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), recovery: StreamRecovery.Restart);

        var stream = f.Engine.StreamUpdatesAsync(route, Prompt);
        var updates = await stream.ToListAsync();

        var marker = Assert.Single(updates.OfType<StreamRestartUpdate>());
        Assert.Equal("openai/gpt-5-mini", marker.Restart.FailedModel.Id);
        Assert.Equal("anthropic/claude-haiku-4-5", marker.Restart.NextModel.Id);
        Assert.Equal(FailureKind.StreamInterrupted, marker.Restart.Failure);
        Assert.Equal("Hello wor", string.Concat(updates.TakeWhile(static u => u is not StreamRestartUpdate).Select(static u => u.Text)));
        Assert.Equal("Hi there.", string.Concat(updates.SkipWhile(static u => u is not StreamRestartUpdate).Select(static u => u.Text)));

        // Restart never sends a prefill: the fallback gets the caller's request as it was.
        var (_, sent) = Assert.Single(f.Anthropic.StreamRequests);
        Assert.Equal([ChatRole.User], sent.Select(static m => m.Role));

        Assert.True(stream.IsCompleted);
        Assert.Equal("anthropic/claude-haiku-4-5", stream.ServedBy!.Id);
        Assert.True(stream.IsFallback);
        Assert.Equal(1, stream.Restarts);
        Assert.Equal(12, stream.Usage!.OutputTokenCount);
        Assert.Equal([FailureKind.StreamInterrupted, FailureKind.None], stream.Attempts.Select(static a => a.Failure));
        var completed = f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Completed);
        Assert.Equal(RouteOutcome.ServedByFallback, completed.Outcome);
        Assert.Equal("anthropic/claude-haiku-4-5", completed.Model!.Id);
    }

    [Fact]
    public async Task Restart_on_a_text_stream_raises_Restarted_and_what_follows_is_the_fallbacks_clean_answer()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Timed(f.Time, TimeSpan.Zero, ["Hel", "lo wor"], new ProviderException(FailureKind.StreamInterrupted, "cut"), token: token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["Hi ", "there."], outputTokens: 3, token: token));
        var route = With(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), recovery: StreamRecovery.Restart);

        var stream = f.Engine.StreamTextAsync(route, Prompt);
        var shown = new System.Text.StringBuilder();
        StreamRestart? seen = null;
        stream.Restarted += restart =>
        {
            seen = restart;
            shown.Clear();
        };
        await foreach (var chunk in stream)
        {
            shown.Append(chunk);
        }

        Assert.Equal("Hi there.", shown.ToString());
        Assert.NotNull(seen);
        Assert.Equal(2, seen!.ChunksDiscarded); // the headers update carries no content: not a chunk
        Assert.Equal(9, seen.CharactersDiscarded);
        Assert.Equal("anthropic/claude-haiku-4-5", stream.ServedBy!.Id);
        Assert.Equal(3, stream.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Continue_sends_the_partial_answer_as_a_prefill_only_to_a_model_that_accepts_one()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Timed(f.Time, TimeSpan.Zero, ["Hello", " wor"], new ProviderException(FailureKind.StreamInterrupted, "cut"), token: token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["ld."], token: token));
        var prefill = new ModelTarget("anthropic/claude-haiku-4-5", acceptsPrefill: true);
        var route = With(Route("openai/gpt-5-mini"), recovery: StreamRecovery.Continue, fallbacks: prefill);

        var stream = f.Engine.StreamTextAsync(route, Prompt);
        var text = string.Concat(await stream.ToListAsync());

        Assert.Equal("Hello world.", text);
        Assert.Equal(0, stream.Restarts);
        Assert.Equal(1, stream.Continuations);
        var (_, sent) = Assert.Single(f.Anthropic.StreamRequests);
        Assert.Equal([ChatRole.User, ChatRole.Assistant], sent.Select(static m => m.Role));
        Assert.Equal("Hello wor", sent[^1].Text);
    }

    [Fact]
    public async Task Continue_restarts_instead_on_a_model_that_does_not_accept_a_prefill()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Timed(f.Time, TimeSpan.Zero, ["Hello", " wor"], new ProviderException(FailureKind.StreamInterrupted, "cut"), token: token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["Fresh answer."], token: token));
        var route = With(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), recovery: StreamRecovery.Continue);

        var updates = await f.Engine.StreamUpdatesAsync(route, Prompt).ToListAsync();

        Assert.Single(updates.OfType<StreamRestartUpdate>());
        Assert.Equal("Fresh answer.", string.Concat(updates.SkipWhile(static u => u is not StreamRestartUpdate).Select(static u => u.Text)));
        Assert.All(f.Anthropic.StreamRequests, static r => Assert.DoesNotContain(r.Messages, static m => m.Role == ChatRole.Assistant));
    }

    [Fact]
    public async Task Restart_with_no_model_left_surfaces_the_interruption_with_the_reason()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Timed(f.Time, TimeSpan.Zero, ["Hel"], new ProviderException(FailureKind.StreamInterrupted, "cut"), token: token));
        var route = With(Route("openai/gpt-5-mini"), recovery: StreamRecovery.Restart);

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () => await f.Engine.StreamTextAsync(route, Prompt).ToListAsync());
        Assert.Contains("no other model could take over", error.Message);
    }

    [Fact]
    public async Task A_content_filter_in_a_stream_is_not_retried_and_not_sent_elsewhere()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", _ => throw new ProviderException(FailureKind.ContentPolicy, "blocked", 400, "content_filter"));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["unused"], token: token));
        var route = Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5");

        await Assert.ThrowsAsync<FailoverException>(async () => await f.Engine.StreamTextAsync(route, Prompt).ToListAsync());
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Empty(f.Anthropic.Calls);
    }

    [Fact]
    public async Task A_stream_rate_limited_with_a_short_retry_after_waits_it_on_the_fake_clock_then_serves()
    {
        using var f = new EngineFixture();
        var calls = 0;
        f.OpenAI.Stream("gpt-5-mini", token => Interlocked.Increment(ref calls) == 1
            ? throw new ProviderException(FailureKind.RateLimited, "HTTP 429", 429, null, TimeSpan.FromSeconds(2))
            : Timed(f.Time, TimeSpan.Zero, ["ok"], token: token));
        var route = Route("openai/gpt-5-mini", NoDelayRetry(3));

        var run = f.Engine.StreamTextAsync(route, Prompt).ToListAsync().AsTask();
        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(2)); // the retry-after wait
        f.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Single(f.OpenAI.Calls);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["ok"], await run);
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task A_stream_backoff_that_would_pass_the_total_timeout_moves_on_at_once_as_a_plain_call_does()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", _ => throw new ProviderException(FailureKind.Overloaded, "HTTP 503", 503));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["served"], token: token));
        var retry = new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(4), MaxDelay = TimeSpan.FromSeconds(5), Jitter = false };
        var route = With(Route("openai/gpt-5-mini", retry, "anthropic/claude-haiku-4-5"), total: TimeSpan.FromSeconds(3));

        // No time passes: the backoff would reach the deadline, so the walk moves on instead of sleeping into it.
        Assert.Equal(["served"], await f.Engine.StreamTextAsync(route, Prompt).ToListAsync());
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task Context_length_exceeded_tries_a_fallback_of_unknown_window_and_skips_a_known_smaller_one()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ContextLengthExceeded, 400, "context_length_exceeded");
        f.Google.Reply("gemini-2.5-flash", "never");
        f.Anthropic.Reply("claude-haiku-4-5", "fits");
        var route = new RouteDescriptor
        {
            Name = "Tests.Context",
            Interface = "ITests",
            Method = "Context",
            Primary = new ModelTarget("openai/gpt-5-mini", contextWindow: 128_000),
            Fallbacks = [new ModelTarget("google/gemini-2.5-flash", contextWindow: 32_000), new ModelTarget("anthropic/claude-haiku-4-5")],
        };

        var result = await f.RunAsync(route);

        Assert.Equal("fits", result.Value);
        Assert.Empty(f.Google.Calls);
        Assert.Contains(f.Events.Events, static e => e.Kind == RoutingEventKind.Skipped && e.Model!.Id == "google/gemini-2.5-flash");
    }

    [Fact]
    public async Task Skipped_malformed_events_are_reported_in_the_attempt_event()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => WithSkips(token));
        var updates = await f.Engine.StreamTextAsync(Route("openai/gpt-5-mini"), Prompt).ToListAsync();

        Assert.Equal(["a", "b"], updates);
        Assert.Equal(3, f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Attempt).SkippedEvents);

        static async IAsyncEnumerable<ChatResponseUpdate> WithSkips([EnumeratorCancellation] CancellationToken token = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "a") { AdditionalProperties = new() { [StreamSignals.SkippedEvents] = 1 } };
            yield return new ChatResponseUpdate(ChatRole.Assistant, "b") { AdditionalProperties = new() { [StreamSignals.SkippedEvents] = 3 } };
        }
    }

    [Fact]
    public async Task A_flapping_primary_is_skipped_during_its_outage_and_serves_again_after_its_cooldown()
    {
        using var f = new EngineFixture(o =>
        {
            o.Health.FailureThreshold = 2;
            o.Health.BreakDuration = TimeSpan.FromSeconds(30);
        });
        var down = true;
        f.OpenAI.Then("gpt-5-mini", (_, _) => down
            ? Task.FromException<ChatResponse>(new ProviderException(FailureKind.ServerError, "HTTP 500", 500))
            : Task.FromResult(ScriptedChatClient.Answer("primary")));
        f.Anthropic.Reply("claude-haiku-4-5", "fallback");
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("fallback", (await f.RunAsync(route)).Value);
        }

        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini")); // the breaker opened after two failures: no hammering
        down = false;
        f.Time.Advance(TimeSpan.FromSeconds(31));
        var back = await f.RunAsync(route);
        Assert.Equal("primary", back.Value);
        Assert.False(back.IsFallback);
    }

    [Fact]
    public async Task A_hedged_stream_takes_the_first_stream_with_content_and_the_role_flags_say_so()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Timed(f.Time, TimeSpan.FromSeconds(10), ["slow"], token: token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Timed(f.Time, TimeSpan.Zero, ["fast"], token: token));
        var route = new RouteDescriptor
        {
            Name = "Tests.HedgedStream",
            Interface = "ITests",
            Method = "Stream",
            Primary = new ModelTarget("openai/gpt-5-mini"),
            Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5")],
            Hedge = TimeSpan.FromSeconds(1),
        };

        var stream = f.Engine.StreamTextAsync(route, Prompt);
        var run = stream.ToListAsync().AsTask();
        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(1)); // the hedge delay
        f.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["fast"], await run);
        Assert.Equal(SlotRole.Hedge, stream.ServedRole);
        Assert.True(stream.IsFallback);
        var completed = f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Completed);
        Assert.True(completed.Hedged);
        Assert.Contains(stream.Attempts, static a => a.Model.Id == "openai/gpt-5-mini" && a.Failure == FailureKind.Cancelled);
    }

    [Fact]
    public async Task Canary_and_degraded_completions_are_flagged_from_the_role()
    {
        using var f = new EngineFixture();
        f.Google.Reply("gemini-2.5-flash", "canary answer");
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ServerError, 500);
        var canaryRoute = new RouteDescriptor
        {
            Name = "Tests.Canary",
            Interface = "ITests",
            Method = "Canary",
            Primary = new ModelTarget("openai/gpt-5-mini"),
            Canary = new CanaryRule(new ModelTarget("google/gemini-2.5-flash"), 100),
        };

        var served = await f.Engine.RunAsync(canaryRoute, Prompt, ResponseReaders.Text);
        Assert.True(served.IsCanary);
        Assert.False(served.IsFallback);
        var canary = f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Completed);
        Assert.True(canary.Canary);
        Assert.Equal(RouteOutcome.Served, canary.Outcome);

        var degraded = await f.Engine.RunAsync(Route("openai/gpt-5-mini"), Prompt, ResponseReaders.Text, new RouteCallOptions<string> { Degrade = static () => "offline" });
        Assert.True(degraded.IsDegraded);
        Assert.True(f.Events.Events.Last(static e => e.Kind == RoutingEventKind.Completed).Degraded);
    }
}
