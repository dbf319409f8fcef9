using Xunit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Runtime.Tests;

/// <summary>
/// The success path's shortcuts (#15) keep the semantics they skip: a first try outside Polly still times out on the
/// injected clock and is retried by Polly; a success nobody reads is still reported to whoever observes; the health
/// store's one-read fast path ends with the first failure and comes back once every breaker is settled.
/// </summary>
public sealed class SuccessPathTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task A_first_try_that_waits_times_out_at_the_attempt_timeout_on_the_injected_clock()
    {
        using var f = new EngineFixture();
        f.OpenAI.Hang("gpt-5-mini");
        f.Anthropic.Reply("claude-haiku-4-5", "from the fallback");
        var route = new RouteDescriptor
        {
            Name = "Tests.FirstTry",
            Interface = "Tests.IRoutes",
            Method = "RunAsync",
            Primary = new ModelTarget("openai/gpt-5-mini"),
            Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5")],
            Retry = EngineFixture.NoDelayRetry(3),
            AttemptTimeout = TimeSpan.FromSeconds(5),
        };

        // The provider call is pending when GetTextAsync returns, so the attempt's timer is armed by then.
        var call = f.Engine.GetTextAsync(route, Hello);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        f.Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);

        f.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("from the fallback", await call.WaitAsync(TimeSpan.FromSeconds(30)));

        // A model that said nothing is not retried (the failure policy): the pipeline got the first try's outcome and
        // did not call the model again.
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        var attempts = f.Events.Events.Where(e => e.Kind == RoutingEventKind.Attempt).ToList();
        Assert.Equal([FailureKind.NoResponse, FailureKind.None], attempts.Select(a => a.Failure));
        Assert.Equal(TimeSpan.FromSeconds(5), attempts[0].Latency);
    }

    [Fact]
    public async Task A_failed_first_try_is_Polly_s_first_attempt_retries_count_from_it()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503).FailHttp("gpt-5-mini", FailureKind.Overloaded, 503).Reply("gpt-5-mini", "third try");

        var result = await f.RunAsync(EngineFixture.Route("openai/gpt-5-mini", EngineFixture.NoDelayRetry(3))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("third try", result.Value);
        Assert.Equal(3, f.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Equal([1, 2, 3], result.Attempts.Select(a => a.Number));
        Assert.Equal([FailureKind.Overloaded, FailureKind.Overloaded, FailureKind.None], result.Attempts.Select(a => a.Failure));
    }

    [Fact]
    public async Task Retries_stop_at_max_attempts_counting_the_first_try()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503).FailHttp("gpt-5-mini", FailureKind.Overloaded, 503).Reply("gpt-5-mini", "never");
        f.Anthropic.Reply("claude-haiku-4-5", "fallback");

        var result = await f.RunAsync(EngineFixture.Route("openai/gpt-5-mini", EngineFixture.NoDelayRetry(2), "anthropic/claude-haiku-4-5")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("fallback", result.Value);
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task A_value_only_success_is_still_reported_to_an_observer()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "answer", inputTokens: 7, outputTokens: 3);

        Assert.Equal("answer", await f.Engine.GetTextAsync(EngineFixture.Route("openai/gpt-5-mini"), Hello));

        var attempt = Assert.Single(f.Events.Events, e => e.Kind == RoutingEventKind.Attempt);
        Assert.Equal(1, attempt.AttemptNumber);
        Assert.Equal(7, attempt.InputTokens);
        var completed = Assert.Single(f.Events.Events, e => e.Kind == RoutingEventKind.Completed);
        Assert.Equal(1, completed.AttemptCount);
        Assert.Equal(10, completed.InputTokens + completed.OutputTokens);
    }

    [Fact]
    public void The_health_fast_path_ends_with_a_failure_and_returns_once_every_breaker_is_settled()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryRouteHealthStore(new FailoverHealthOptions { FailureThreshold = 1, BreakDuration = TimeSpan.FromSeconds(30) }, time);
        var dead = new ModelTarget("google/gemini-2.5-flash");
        var alive = new ModelTarget("openai/gpt-5-mini");
        var overloaded = new ClassifiedFailure(FailureKind.Overloaded, 503, null, null, "HTTP 503");

        Assert.True(store.TryEnter(dead).IsAvailable);
        store.OnFailure(dead, overloaded);

        // Open: skipped with the same reason each time (built once per open period), while the other model serves.
        var skipped = store.TryEnter(dead);
        Assert.False(skipped.IsAvailable);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), skipped.Until);
        Assert.Same(skipped.Reason, store.TryEnter(dead).Reason);
        Assert.Contains("google/gemini-2.5-flash", skipped.Reason);
        Assert.True(store.TryEnter(alive).IsAvailable);
        store.OnSuccess(alive);
        Assert.False(store.TryEnter(dead).IsAvailable);

        // The break ends: one trial, which succeeds, settles every breaker again.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(store.TryEnter(dead).IsAvailable);
        Assert.False(store.TryEnter(dead).IsAvailable); // the trial is running
        store.OnSuccess(dead);
        Assert.True(store.TryEnter(dead).IsAvailable);
        Assert.True(store.TryEnter(dead).IsAvailable);

        // And a new failure is seen at once.
        store.OnFailure(dead, overloaded);
        Assert.False(store.TryEnter(dead).IsAvailable);
    }
}
