using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;
using static Failover.Runtime.Tests.FailurePolicyTableTests;

namespace Failover.Runtime.Tests;

/// <summary>Cancellation and deadline cases found in review: Polly cancels outside the attempt callback too.</summary>
public sealed class ReviewRegressionTests
{
    [Fact]
    public async Task A_hedge_loser_cancelled_during_its_retry_backoff_does_not_replace_the_winners_answer()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = new RouteDescriptor
        {
            Name = "Tests.Hedged",
            Interface = "Tests.IRoutes",
            Method = "RunAsync",
            Primary = new ModelTarget("openai/gpt-5-mini", 100_000, 1m, 2m),
            Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5", 200_000, 3m, 4m)],
            Hedge = TimeSpan.FromMilliseconds(500),
            Retry = new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(30), Jitter = false },
        };

        var call = f.RunAsync(route);
        await WaitForCallsAsync(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromMilliseconds(500)); // the hedge starts while the primary waits out its 10 s backoff

        var result = await call;
        Assert.Equal("backup", result.Value);
        Assert.Equal("anthropic/claude-haiku-4-5", result.ServedBy!.Id);
    }

    [Fact]
    public async Task A_backoff_longer_than_the_remaining_budget_moves_to_the_next_model_at_once()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = new RouteDescriptor
        {
            Name = "Tests.Budget",
            Interface = "Tests.IRoutes",
            Method = "RunAsync",
            Primary = new ModelTarget("openai/gpt-5-mini", 100_000, 1m, 2m),
            Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5", 200_000, 3m, 4m)],
            TotalTimeout = TimeSpan.FromSeconds(2),
            Retry = new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(20), MaxDelay = TimeSpan.FromSeconds(30), Jitter = false },
        };

        // No clock advance: a 20 s backoff cannot fit a 2 s budget, so the route does not wait for it.
        var result = await f.RunAsync(route);

        Assert.Equal("backup", result.Value);
        Assert.Single(f.OpenAI.Calls);
    }

    [Fact]
    public async Task Near_the_deadline_a_jittered_backoff_waits_its_planned_delay_within_the_budget()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503).Reply("gpt-5-mini", "second try");
        var route = new RouteDescriptor
        {
            Name = "Tests.Cut",
            Interface = "Tests.IRoutes",
            Method = "RunAsync",
            Primary = new ModelTarget("openai/gpt-5-mini", 100_000, 1m, 2m),
            TotalTimeout = TimeSpan.FromSeconds(3),
            Retry = new RetryRule { MaxAttempts = 2, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), Jitter = true },
        };

        var call = f.RunAsync(route);
        await WaitForCallsAsync(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromSeconds(1)); // the planned 1 s, not a jittered value that could overrun the 3 s budget

        Assert.Equal("second try", (await call).Value);
    }

    [Fact]
    public async Task A_caller_cancelling_during_a_backoff_gets_its_own_cancellation_and_a_cancelled_outcome()
    {
        using var f = new EngineFixture();
        using var cts = new CancellationTokenSource();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Anthropic.Reply("claude-haiku-4-5", "never");
        var route = Route("openai/gpt-5-mini", new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(5), Jitter = false }, "anthropic/claude-haiku-4-5");

        var call = f.RunAsync(route, cts.Token);
        await WaitForCallsAsync(f.OpenAI, 1);
        cts.Cancel();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Empty(f.Anthropic.Calls);
        Assert.Equal(RouteOutcome.Cancelled, f.Events.Events.Last().Outcome);
    }

    [Fact]
    public async Task Cancelling_a_stream_through_WithCancellation_is_the_callers_cancel_not_a_model_failure()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", Hanging);
        f.Anthropic.Stream("claude-haiku-4-5", Hanging);
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");
        using var cts = new CancellationTokenSource();

        await using var updates = f.Engine.StreamUpdatesAsync(route, [new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator(cts.Token);
        var move = updates.MoveNextAsync().AsTask();
        await WaitForCallsAsync(f.OpenAI, 1);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => move);
        Assert.Empty(f.Anthropic.Calls);
        Assert.DoesNotContain(f.Events.Events, static e => e.Kind == RoutingEventKind.Attempt && e.Failure is FailureKind.Timeout);
        Assert.Equal(RouteOutcome.Cancelled, f.Events.Events.Last().Outcome);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Hanging([EnumeratorCancellation] CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        yield break;
    }
}
