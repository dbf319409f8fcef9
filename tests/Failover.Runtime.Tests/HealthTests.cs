using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task A_dead_primary_costs_one_failed_attempt_then_is_skipped_until_its_cooldown_ends()
    {
        using var f = new EngineFixture(o => o.Health.GoneCooldown = TimeSpan.FromHours(1));
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ModelUnavailable, 404, "model_not_found");
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5");

        var first = await f.RunAsync(route);
        Assert.Equal([FailureKind.ModelUnavailable, FailureKind.None], first.Attempts.Select(static a => a.Failure));

        for (var i = 0; i < 5; i++)
        {
            var later = await f.RunAsync(route);
            Assert.Equal("backup", later.Value);
            Assert.Single(later.Attempts);
        }

        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        var skipped = f.Events.Events.Where(static e => e.Kind == RoutingEventKind.Skipped).ToList();
        Assert.Equal(5, skipped.Count);
        Assert.All(skipped, e => Assert.Contains("model 'openai/gpt-5-mini' answered that it is gone", e.Reason));

        f.Time.Advance(TimeSpan.FromMinutes(59));
        await f.RunAsync(route);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));

        f.OpenAI.Reset("gpt-5-mini").Reply("gpt-5-mini", "back again");
        f.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var recovered = await f.RunAsync(route);
        Assert.Equal("back again", recovered.Value);
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task Consecutive_transient_failures_open_the_breaker_and_half_open_lets_one_trial_through()
    {
        using var f = new EngineFixture(o =>
        {
            o.Health.FailureThreshold = 3;
            o.Health.BreakDuration = TimeSpan.FromSeconds(30);
        });
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ServerError, 500);
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        for (var i = 0; i < 3; i++)
        {
            await f.RunAsync(route);
        }

        Assert.Equal(3, f.OpenAI.CallsTo("gpt-5-mini"));
        await f.RunAsync(route);
        Assert.Equal(3, f.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Contains("circuit open after 3 consecutive failures", f.Events.Events.Last(static e => e.Kind == RoutingEventKind.Skipped).Reason);

        // Half-open: the trial fails and the breaker opens again at once.
        f.Time.Advance(TimeSpan.FromSeconds(30));
        await f.RunAsync(route);
        Assert.Equal(4, f.OpenAI.CallsTo("gpt-5-mini"));
        await f.RunAsync(route);
        Assert.Equal(4, f.OpenAI.CallsTo("gpt-5-mini"));

        // The next trial succeeds and closes the breaker.
        f.OpenAI.Reset("gpt-5-mini").Reply("gpt-5-mini", "primary");
        f.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("primary", (await f.RunAsync(route)).Value);
        Assert.Equal("primary", (await f.RunAsync(route)).Value);
    }

    [Fact]
    public void Half_open_grants_exactly_one_trial()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryRouteHealthStore(new FailoverHealthOptions { FailureThreshold = 1, BreakDuration = TimeSpan.FromSeconds(10) }, time);
        var model = new ModelTarget("openai/gpt-5-mini");
        store.OnFailure(model, new ClassifiedFailure(FailureKind.Overloaded, 503, null, null, "busy"));

        Assert.False(store.TryEnter(model).IsAvailable);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(store.TryEnter(model).IsAvailable);
        var second = store.TryEnter(model);
        Assert.False(second.IsAvailable);
        Assert.Contains("half-open", second.Reason);

        store.Release(model);
        Assert.True(store.TryEnter(model).IsAvailable);
        store.OnSuccess(model);
        Assert.True(store.TryEnter(model).IsAvailable);
        Assert.True(store.TryEnter(model).IsAvailable);
    }

    [Fact]
    public void A_trial_whose_outcome_never_comes_back_holds_the_breaker_for_one_break_duration_only()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryRouteHealthStore(new FailoverHealthOptions { FailureThreshold = 1, BreakDuration = TimeSpan.FromSeconds(10) }, time);
        var model = new ModelTarget("openai/gpt-5-mini");
        store.OnFailure(model, new ClassifiedFailure(FailureKind.Overloaded, 503, null, null, "busy"));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(store.TryEnter(model).IsAvailable); // the trial is granted, and its caller never reports back

        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Contains("half-open", store.TryEnter(model).Reason);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(store.TryEnter(model).IsAvailable); // a lost trial does not keep the model skipped for ever
        Assert.False(store.TryEnter(model).IsAvailable); // and the new trial is again the only one
    }

    [Fact]
    public async Task A_rate_limited_model_cools_down_for_its_retry_after()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.RateLimited, 429, retryAfter: TimeSpan.FromSeconds(20));
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        await f.RunAsync(route);
        await f.RunAsync(route);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));

        f.Time.Advance(TimeSpan.FromSeconds(20));
        await f.RunAsync(route);
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task An_auth_failure_cools_the_whole_provider_down()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Auth, 401).Reply("gpt-5", "unused");
        f.Google.Reply("gemini-2.5-flash", "google");
        await f.RunAsync(Route("openai/gpt-5-mini", "google/gemini-2.5-flash"));

        var other = await f.RunAsync(Route("openai/gpt-5", "google/gemini-2.5-flash"));

        Assert.Equal("google", other.Value);
        Assert.Equal(0, f.OpenAI.CallsTo("gpt-5"));
        Assert.Contains("provider 'openai' rejected the key", f.Events.Events.Last(static e => e.Kind == RoutingEventKind.Skipped).Reason);
    }

    [Fact]
    public async Task When_every_model_is_unhealthy_the_one_whose_cooldown_ends_first_is_tried()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ModelUnavailable, 404);
        f.Anthropic.FailHttp("claude-haiku-4-5", FailureKind.RateLimited, 429, retryAfter: TimeSpan.FromMinutes(2));
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");
        await Assert.ThrowsAsync<FailoverException>(() => f.RunAsync(route));

        f.Anthropic.Reset("claude-haiku-4-5").Reply("claude-haiku-4-5", "cooled enough");
        var result = await f.RunAsync(route);

        Assert.Equal("cooled enough", result.Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
    }
}
