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

        redis.Kill();
        await AppInstance.Eventually(() => a.LogCount(Degraded) > 0, "A notices that Redis is gone");

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
        redis.Start();
        await AppInstance.Eventually(() => a.Store.IsSharing && b.Store.IsSharing, "both instances reconnect", seconds: 15);
        await AppInstance.Eventually(() => a.LogCount(Resumed) == 1, "A logs that sharing resumed");
        Assert.Equal(1, a.LogCount(Degraded));

        a.Anthropic.Fail("claude-haiku-4-5", FailureKind.ModelUnavailable, 404);
        await AppInstance.Eventually(
            () =>
            {
                // The subscription may come back a moment after the command connection: A repeats the news until B hears it.
                a.Store.OnFailure(new ModelTarget("anthropic/claude-haiku-4-5"), new ClassifiedFailure(FailureKind.ModelUnavailable, 404, null, null, "404"));
                return b.Store.SharedStateOfModel("anthropic/claude-haiku-4-5").CooldownUntil > 0;
            },
            "B hears of a model A learned is gone after Redis came back",
            seconds: 10);
    }
}
