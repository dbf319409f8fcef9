using Microsoft.Extensions.AI;
using Xunit;

namespace Failover.Runtime.Tests;

public sealed class ContextEstimateTests
{
    private static RouteDescriptor Route(bool estimate) => new()
    {
        Name = "Tests.Context",
        Interface = "Tests.IRoutes",
        Method = "RunAsync",
        Primary = new ModelTarget("openai/gpt-5-mini", contextWindow: 1_000),
        Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5", contextWindow: 0), new ModelTarget("google/gemini-2.5-flash", contextWindow: 1_000_000)],
        EstimateContext = estimate,
    };

    [Fact]
    public async Task Models_whose_known_window_is_too_small_for_the_estimate_are_skipped_up_front()
    {
        using var f = new EngineFixture();
        f.Anthropic.Reply("claude-haiku-4-5", "unknown window is tried");
        var prompt = new string('x', 8_000); // about 2,000 tokens

        var result = await f.Engine.RunAsync(Route(estimate: true), [new ChatMessage(ChatRole.User, prompt)], ResponseReaders.Text);

        Assert.Equal("unknown window is tried", result.Value);
        Assert.Empty(f.OpenAI.Calls);
        var skipped = Assert.Single(f.Events.Events, static e => e.Kind == RoutingEventKind.Skipped);
        Assert.Contains("estimated at 2000 tokens", skipped.Reason);
    }

    [Fact]
    public async Task Estimation_is_opt_in_per_route_or_globally()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "primary");
        var prompt = new string('x', 8_000);
        Assert.Equal("primary", (await f.Engine.RunAsync(Route(estimate: false), [new ChatMessage(ChatRole.User, prompt)], ResponseReaders.Text)).Value);

        using var global = new EngineFixture(o => o.EstimatePromptTokens = true);
        global.Google.Reply("gemini-2.5-flash", "big");
        global.Anthropic.Reply("claude-haiku-4-5", "unknown");
        Assert.Equal("unknown", (await global.Engine.RunAsync(Route(estimate: false), [new ChatMessage(ChatRole.User, prompt)], ResponseReaders.Text)).Value);
    }
}
