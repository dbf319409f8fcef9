using Microsoft.Extensions.AI;
using Xunit;

namespace Failover.Runtime.Tests;

public sealed class CanaryTests
{
    private static readonly RouteDescriptor CanaryRoute = new()
    {
        Name = "Tests.Canary",
        Interface = "Tests.IRoutes",
        Method = "RunAsync",
        Primary = new ModelTarget("openai/gpt-5-mini"),
        Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5")],
        Canary = new CanaryRule(new ModelTarget("google/gemini-2.5-flash"), 5),
    };

    private static Task<RouteResult<string>> RunAsync(EngineFixture f, string? key) =>
        f.Engine.RunAsync(CanaryRoute, [new ChatMessage(ChatRole.User, "hi")], ResponseReaders.Text, new RouteCallOptions<string> { CanaryKey = key });

    [Fact]
    public async Task A_5_percent_canary_gets_5_percent_of_10000_keyed_calls()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "stable");
        f.Google.Reply("gemini-2.5-flash", "canary");

        var canary = 0;
        for (var i = 0; i < 10_000; i++)
        {
            if ((await RunAsync(f, "customer-" + i)).Value == "canary")
            {
                canary++;
            }
        }

        Assert.InRange(canary, 400, 600);
    }

    [Fact]
    public async Task A_given_key_always_gets_the_same_model()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "stable");
        f.Google.Reply("gemini-2.5-flash", "canary");

        for (var i = 0; i < 50; i++)
        {
            var key = "tenant-" + i;
            var first = (await RunAsync(f, key)).ServedBy!.Id;
            for (var repeat = 0; repeat < 5; repeat++)
            {
                Assert.Equal(first, (await RunAsync(f, key)).ServedBy!.Id);
            }
        }

        Assert.Equal(CanaryRoute.Canary!.Selects(CanaryRoute.Name, "tenant-7"), CanaryRoute.Canary.Selects(CanaryRoute.Name, "tenant-7"));
    }

    [Fact]
    public async Task A_failing_canary_falls_back_to_the_normal_chain()
    {
        using var f = new EngineFixture();
        f.Google.FailHttp("gemini-2.5-flash", FailureKind.ServerError, 500);
        f.OpenAI.Reply("gpt-5-mini", "stable");
        var key = Enumerable.Range(0, 1000).Select(static i => "k" + i).First(k => CanaryRoute.Canary!.Selects(CanaryRoute.Name, k));

        var result = await RunAsync(f, key);

        Assert.Equal("stable", result.Value);
        Assert.Equal(["google/gemini-2.5-flash", "openai/gpt-5-mini"], result.Attempts.Select(static a => a.Model.Id));
    }
}
