using Xunit;

namespace Failover.Redis.Tests;

/// <summary>Its own server per test class, because the test kills it.</summary>
public sealed class OutageTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const int Degraded = 1401;
    private const int Resumed = 1402;

    [Fact]
    public async Task Redis_killed_mid_run_routing_goes_on_with_one_degradation_log_and_sharing_resumes_when_it_is_back()
    {
        var prefix = "outage";
        using var a = AppInstance.Create(redis, prefix);
        using var b = AppInstance.Create(redis, prefix);
        Assert.Equal("primary", (await a.AskAsync()).Value);
        Assert.Equal("primary", (await b.AskAsync()).Value);
        Assert.True(a.Store.IsSharing);

        // The store announces losing Redis (IRouteHealthChanges.Changed), after logging it.
        var lost = Announced(a, static store => !store.IsSharing);
        redis.Kill();
        await lost.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, a.LogCount(Degraded));

        // Routing goes on: answers keep coming, and A's own health still works (a gone model is skipped after one call).
        a.OpenAI.Fail("gpt-5-mini", FailureKind.ModelUnavailable, 404);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("backup", (await a.AskAsync()).Value);
        }

        Assert.Equal(2, a.OpenAI.CallsTo("gpt-5-mini")); // the answer before the outage, the 404 during it
        Assert.False(a.Store.IsSharing);
        Assert.True(1 == a.LogCount(Degraded), string.Join("\n", a.Logs.Collector.GetSnapshot().Select(r => r.Id.Id + " " + r.Message)));
        var log = Assert.Single(a.Logs.Collector.GetSnapshot(), r => r.Id.Id == Degraded);
        Assert.Contains("routing goes on with this instance's own health", log.Message);

        // Redis is back (empty, on the same port): both reconnect by themselves and share again.
        var resumed = Announced(a, static store => store.IsSharing);
        redis.Start();
        await resumed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, a.LogCount(Resumed));
        await AppInstance.WaitUntilAsync(() => a.Store.IsSharing && b.Store.IsSharing, "both instances reconnect", a, b);
        Assert.Equal(1, a.LogCount(Degraded));

        // A shares a model it learned is gone. B hears it on the channel, or, when its subscription came back after
        // A announced (pub/sub is at most once), on its next periodic refresh, as in production.
        a.Store.OnFailure(new ModelTarget("anthropic/claude-haiku-4-5"), new ClassifiedFailure(FailureKind.ModelUnavailable, 404, null, null, "404"));
        await a.FlushAsync();
        b.Time.Advance(new RedisHealthStoreOptions().RefreshInterval);
        await AppInstance.WaitUntilAsync(() => b.Store.SharedStateOfModel("anthropic/claude-haiku-4-5").CooldownUntil > 0, "B hears of a model A learned is gone after Redis came back", b);
    }

    /// <summary>Completes when the instance's store announces a change after which <paramref name="holds"/> is true.</summary>
    private static Task Announced(AppInstance app, Func<RedisRouteHealthStore, bool> holds)
    {
        var store = app.Store;
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Changed += (_, _) =>
        {
            if (holds(store))
            {
                seen.TrySetResult();
            }
        };
        return seen.Task;
    }
}
