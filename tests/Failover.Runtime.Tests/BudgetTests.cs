using Microsoft.Extensions.Configuration;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

public sealed class BudgetTests
{
    [Fact]
    public async Task A_spent_requests_per_minute_budget_skips_the_model_until_the_window_ends_and_is_never_the_last_resort()
    {
        using var f = new EngineFixture(o => o.Budgets.Models["openai/gpt-5-mini"] = new RateBudget { RequestsPerMinute = 2 });
        f.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        f.OpenAI.Reply("gpt-5-mini", "primary");
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        var served = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            served.Add((await f.RunAsync(route)).Value);
        }

        Assert.Equal(["primary", "primary", "backup", "backup"], served);
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));
        var skipped = f.Events.Events.Where(static e => e.Kind == RoutingEventKind.Skipped).ToList();
        Assert.Equal(2, skipped.Count);
        Assert.All(skipped, e => Assert.Contains("model 'openai/gpt-5-mini' has spent its budget of 2 requests per minute (Failover:Budgets:Models:openai/gpt-5-mini:RequestsPerMinute)", e.Reason));

        // A route whose only model is over budget fails without calling it, instead of collecting a 429.
        var alone = Route("openai/gpt-5-mini");
        await Assert.ThrowsAnyAsync<Exception>(() => f.RunAsync(alone));
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));

        f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("primary", (await f.RunAsync(route)).Value);
        Assert.Equal(3, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task A_provider_tokens_per_minute_budget_counts_the_answers_of_all_its_models()
    {
        using var f = new EngineFixture(o => o.Budgets.Providers["openai"] = new RateBudget { TokensPerMinute = 30 });
        f.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        f.OpenAI.Reply("gpt-5-mini", "primary", inputTokens: 10, outputTokens: 5);
        f.OpenAI.Reply("gpt-5", "second", inputTokens: 10, outputTokens: 5);
        f.Anthropic.Reply("claude-haiku-4-5", "backup");

        Assert.Equal("primary", (await f.RunAsync(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"))).Value);
        Assert.Equal("second", (await f.RunAsync(Route("openai/gpt-5", "anthropic/claude-haiku-4-5"))).Value);
        var third = await f.RunAsync(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"));

        Assert.Equal("backup", third.Value);
        var skipped = Assert.Single(f.Events.Events, static e => e.Kind == RoutingEventKind.Skipped);
        Assert.Contains("provider 'openai' has spent its budget of 30 tokens per minute", skipped.Reason);
    }

    [Fact]
    public async Task Budgets_bind_from_configuration()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Failover:Budgets:Models:openai/gpt-5-mini:RequestsPerMinute"] = "1" })
            .Build();
        using var f = new EngineFixture(configuration: configuration);
        f.OpenAI.Reply("gpt-5-mini", "primary");
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        Assert.Equal("primary", (await f.RunAsync(route)).Value);
        Assert.Equal("backup", (await f.RunAsync(route)).Value);
    }
}
