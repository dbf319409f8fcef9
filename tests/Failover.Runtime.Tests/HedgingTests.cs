using Xunit;
using static Failover.Runtime.Tests.EngineFixture;
using static Failover.Runtime.Tests.FailurePolicyTableTests;

namespace Failover.Runtime.Tests;

public sealed class HedgingTests
{
    private static RouteDescriptor HedgedRoute(int afterMs) => new()
    {
        Name = "Tests.Hedged",
        Interface = "Tests.IRoutes",
        Method = "RunAsync",
        Primary = new ModelTarget("openai/gpt-5-mini", 100_000, 1m, 2m),
        Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5", 200_000, 3m, 4m)],
        Hedge = TimeSpan.FromMilliseconds(afterMs),
    };

    [Fact]
    public async Task Hedging_cuts_a_slow_primary_to_the_hedge_delay_plus_the_fallback_latency()
    {
        using var f = new EngineFixture();
        f.OpenAI.Then("gpt-5-mini", async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), f.Time, token);
            return ScriptedChatClient.Answer("slow");
        });
        f.Anthropic.Then("claude-haiku-4-5", async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), f.Time, token);
            return ScriptedChatClient.Answer("fast");
        });

        var call = f.RunAsync(HedgedRoute(1500));
        await WaitForCallsAsync(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Empty(f.Anthropic.Calls);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForCallsAsync(f.Anthropic, 1);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await call;

        Assert.Equal("fast", result.Value);
        Assert.Equal("anthropic/claude-haiku-4-5", result.ServedBy!.Id);
        var completed = f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Completed);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), completed.Latency);

        // Both attempts are recorded: the winner, and the loser cancelled when the winner answered.
        Assert.Equal(2, result.Attempts.Count);
        Assert.Contains(result.Attempts, static a => a.Model.Id == "openai/gpt-5-mini" && a.Failure == FailureKind.Cancelled);
        Assert.Contains(result.Attempts, static a => a.Model.Id == "anthropic/claude-haiku-4-5" && a.Succeeded);
    }

    [Fact]
    public async Task A_primary_faster_than_the_hedge_delay_never_starts_the_fallback()
    {
        using var f = new EngineFixture();
        f.OpenAI.Then("gpt-5-mini", async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(800), f.Time, token);
            return ScriptedChatClient.Answer("primary");
        });

        var call = f.RunAsync(HedgedRoute(1500));
        await WaitForCallsAsync(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromMilliseconds(800));

        Assert.Equal("primary", (await call).Value);
        Assert.Empty(f.Anthropic.Calls);
    }

    [Fact]
    public async Task A_failed_primary_under_hedging_moves_on_at_once()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ServerError, 500);
        f.Anthropic.Reply("claude-haiku-4-5", "backup");

        var result = await f.RunAsync(HedgedRoute(1500));

        Assert.Equal("backup", result.Value);
        Assert.Equal([FailureKind.ServerError, FailureKind.None], result.Attempts.Select(static a => a.Failure));
    }
}
