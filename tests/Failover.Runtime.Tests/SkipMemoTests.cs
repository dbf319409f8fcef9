using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>
/// The in-memory store answers a known-open breaker from a memo on the system clock. These tests run on
/// <see cref="TimeProvider.System"/> on purpose (the memo is off on any other clock) with breaks of an hour or more, so
/// nothing waits for time: they check that every change to a breaker ends the memo at once.
/// </summary>
public sealed class SkipMemoTests
{
    private static readonly ModelTarget Dead = new("openai/gpt-5-mini");
    private static readonly ModelTarget Sibling = new("openai/gpt-5");
    private static readonly ClassifiedFailure ServerError = new(FailureKind.ServerError, 500, null, null, "boom");

    private static InMemoryRouteHealthStore OpenStore(int providerThreshold = 100)
    {
        var store = new InMemoryRouteHealthStore(
            new FailoverHealthOptions { FailureThreshold = 1, ProviderFailureThreshold = providerThreshold, BreakDuration = TimeSpan.FromHours(1), GoneCooldown = TimeSpan.FromHours(2) },
            TimeProvider.System);
        store.OnFailure(Dead, ServerError);
        return store;
    }

    [Fact]
    public void A_remembered_skip_gives_the_same_verdict_as_the_exact_path()
    {
        var store = OpenStore();
        var first = store.TryEnter(Dead);
        var remembered = store.TryEnter(Dead);

        Assert.False(first.IsAvailable);
        Assert.Equal(first, remembered);
        Assert.Contains("model 'openai/gpt-5-mini' has its circuit open after 1 consecutive failures", remembered.Reason);
    }

    [Fact]
    public void A_success_closes_the_breaker_past_the_memo()
    {
        var store = OpenStore();
        Assert.False(store.TryEnter(Dead).IsAvailable);
        Assert.False(store.TryEnter(Dead).IsAvailable);

        store.OnSuccess(Dead);

        Assert.True(store.TryEnter(Dead).IsAvailable);
    }

    [Fact]
    public void A_new_open_period_replaces_the_remembered_one()
    {
        var store = OpenStore();
        Assert.False(store.TryEnter(Dead).IsAvailable);

        store.OnFailure(Dead, new ClassifiedFailure(FailureKind.ModelUnavailable, 404, "model_not_found", null, "gone"));

        var verdict = store.TryEnter(Dead);
        Assert.False(verdict.IsAvailable);
        Assert.Contains("gone", verdict.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("circuit open", verdict.Reason);
    }

    [Fact]
    public void A_provider_that_opens_after_the_model_takes_over_the_verdict()
    {
        var store = OpenStore(providerThreshold: 2);
        Assert.Contains("model 'openai/gpt-5-mini'", store.TryEnter(Dead).Reason);
        Assert.Contains("model 'openai/gpt-5-mini'", store.TryEnter(Dead).Reason);

        store.OnFailure(Sibling, ServerError);

        Assert.Contains("provider 'openai'", store.TryEnter(Dead).Reason);
    }

    [Fact]
    public void Disabling_health_by_reload_lets_the_remembered_model_through()
    {
        var options = new FailoverOptions();
        options.Health.FailureThreshold = 1;
        options.Health.BreakDuration = TimeSpan.FromHours(1);
        var monitor = new ReloadableOptions(options);
        var store = new InMemoryRouteHealthStore(monitor, TimeProvider.System);
        store.OnFailure(Dead, ServerError);
        Assert.False(store.TryEnter(Dead).IsAvailable);
        Assert.False(store.TryEnter(Dead).IsAvailable);

        var reloaded = new FailoverOptions();
        reloaded.Health.Enabled = false;
        monitor.Reload(reloaded);

        Assert.True(store.TryEnter(Dead).IsAvailable);
    }

    [Fact]
    public void Two_stores_asking_about_one_target_keep_their_own_breakers()
    {
        var open = OpenStore();
        var healthy = new InMemoryRouteHealthStore(new FailoverHealthOptions(), TimeProvider.System);

        Assert.False(open.TryEnter(Dead).IsAvailable);
        healthy.OnFailure(Sibling, ServerError); // turns the healthy store's store-wide fast path off
        Assert.True(healthy.TryEnter(Dead).IsAvailable);
        Assert.False(open.TryEnter(Dead).IsAvailable);
        Assert.True(healthy.TryEnter(Dead).IsAvailable);
    }
}
