using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Failover.Testing.Tests;

public sealed class ScriptTests
{
    private static async Task<int> StatusAsync(ProviderSimulator sim, string model)
    {
        var (response, _, _) = await Raw.SendAsync(sim, Raw.OpenAI(sim, model));
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task One_shot_queue_runs_in_order_then_the_steady_behaviour()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").RateLimited(TimeSpan.FromSeconds(1)).Times(2).ServerError();

        Assert.Equal(3, sim.Model("m").PendingCount);
        int[] statuses = [await StatusAsync(sim, "m"), await StatusAsync(sim, "m"), await StatusAsync(sim, "m"), await StatusAsync(sim, "m"), await StatusAsync(sim, "m")];
        Assert.Equal([429, 429, 500, 200, 200], statuses);
        Assert.Equal(5, sim.RequestCount("m"));
    }

    [Fact]
    public async Task Always_makes_the_last_behaviour_steady_after_the_queue()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").ServerError().Overloaded().Always();

        int[] statuses = [await StatusAsync(sim, "m"), await StatusAsync(sim, "m"), await StatusAsync(sim, "m"), await StatusAsync(sim, "m")];
        Assert.Equal([500, 503, 503, 503], statuses);
    }

    [Fact]
    public async Task Scripts_are_per_model()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("broken").Always(SimulatedBehavior.Status(500));

        Assert.Equal(500, await StatusAsync(sim, "broken"));
        Assert.Equal(200, await StatusAsync(sim, "fine"));
        Assert.Equal(1, sim.RequestCount("broken"));
        Assert.Equal(1, sim.RequestCount("fine"));
        Assert.Equal(2, sim.TotalRequestCount);
    }

    [Fact]
    public async Task Modifiers_need_a_queued_behaviour()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        var script = sim.Model("m");
        Assert.Throws<InvalidOperationException>(() => script.Times(2));
        Assert.Throws<InvalidOperationException>(() => script.Always());
        Assert.Throws<InvalidOperationException>(() => script.WithLatency(TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedBehavior.Status(200));
    }

    [Fact]
    public async Task Reset_forgets_scripts_counts_and_requests()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Always(SimulatedBehavior.ServerError());
        Assert.Equal(500, await StatusAsync(sim, "m"));

        sim.Reset();

        Assert.Equal(0, sim.TotalRequestCount);
        Assert.Equal(0, sim.RequestCount("m"));
        Assert.Equal(0, sim.RequestCount(SimulatorEndpoint.OpenAIChatCompletions));
        Assert.Null(sim.LastRequest);
        Assert.Empty(sim.Requests);
        Assert.Equal(200, await StatusAsync(sim, "m"));
    }

    [Fact]
    public async Task Clear_restores_a_model_to_defaults()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Reply("custom").ServerError().SwitchOff();
        sim.Model("m").Clear();

        var (response, json, _) = await Raw.SendAsync(sim, Raw.OpenAI(sim, "m"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Simulated reply from m.", (string?)json!["choices"]![0]!["message"]!["content"]);
    }

    [Fact]
    public async Task Concurrent_requests_each_take_one_queued_behaviour()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").ServerError().Times(10);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StatusAsync(sim, "m")));

        Assert.Equal(10, statuses.Count(s => s == 500));
        Assert.Equal(10, statuses.Count(s => s == 200));
        Assert.Equal(20, sim.RequestCount("m"));
        Assert.Equal(20, sim.Requests.Count);
    }

    [Fact]
    public async Task Recorded_requests_keep_body_model_and_endpoint_but_no_headers()
    {
        await using var sim = await ProviderSimulator.StartAsync();

        await Raw.SendAsync(sim, Raw.Anthropic(sim, "claude-x", "remember me", stream: true));

        var request = sim.LastRequestFor("claude-x")!;
        Assert.Equal(SimulatedProvider.Anthropic, request.Provider);
        Assert.Equal(SimulatorEndpoint.AnthropicMessages, request.Endpoint);
        Assert.True(request.IsStreaming);
        Assert.Equal("remember me", (string?)JsonNode.Parse(request.Body)!["messages"]![0]!["content"]);
        Assert.DoesNotContain(Raw.Key, request.ToString(), StringComparison.Ordinal);
    }
}
