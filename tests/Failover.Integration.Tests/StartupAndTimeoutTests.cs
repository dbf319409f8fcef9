using Microsoft.Extensions.DependencyInjection;

namespace Failover.Integration.Tests;

public interface IHelpDeskAi
{
    [ModelRoute("openai/gpt-5-mini", Tier = RouteTier.Classification, Owner = "support")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 2, BaseDelayMs = 0, Jitter = false)]
    [SystemPrompt("Answer with one word: billing, bug or other.")]
    [Prompt("Classify this support ticket.\nTicket: {ticket}")]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);
}

/// <summary>A generated client over real HTTP, the startup check for missing keys, and the attempt timeout that keeps garbage from hanging.</summary>
public sealed class StartupAndTimeoutTests
{
    [Fact]
    public async Task A_generated_client_fails_over_across_three_wire_formats()
    {
        await using var h = await Harness.StartAsync(configure: static b => b.AddFailoverClient<IHelpDeskAi>());
        h.Simulator.Model("gpt-5-mini").Overloaded().Always();
        h.Simulator.Model("claude-haiku-4-5").Unauthorized().Always();
        h.Simulator.Model("gemini-2.5-flash").Reply("billing");

        var answer = await h.Services.GetRequiredService<IHelpDeskAi>().ClassifyAsync("I was charged twice.");

        Assert.Equal("billing", answer);
        Assert.Equal(["openai/gpt-5-mini:Overloaded", "openai/gpt-5-mini:Overloaded", "anthropic/claude-haiku-4-5:Auth", "google/gemini-2.5-flash:None"],
            h.Events.Events.Where(static e => e.Kind == RoutingEventKind.Attempt).Select(static e => $"{e.Model!.Id}:{e.Failure}"));
        var completed = h.Events.Events[^1];
        Assert.Equal(RouteOutcome.ServedByFallback, completed.Outcome);
        Assert.Equal("google/gemini-2.5-flash", completed.Model!.Id);
        Assert.True(completed.InputTokens > 0 && completed.OutputTokens > 0);
        Assert.True(completed.Cost > 0m, "the generator embedded catalog prices");
        Assert.Contains("Ticket: I was charged twice.", h.Simulator.LastRequestFor("gemini-2.5-flash")!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_naming_a_provider_registered_without_a_key_fails_at_startup_naming_route_and_provider()
    {
        // AddOpenAI(null) falls back to OPENAI_API_KEY; make sure this process has none so the real path is exercised.
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", null);
        var services = new ServiceCollection();
        services.AddFailover(static f => f.AddOpenAI(null).AddAnthropic("sk-ant-sim").AddGemini("AIza-sim")).AddFailoverClient<IHelpDeskAi>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<FailoverConfigurationException>(() => provider.GetRequiredService<IHelpDeskAi>());

        Assert.Equal(
            "Route 'HelpDeskAi.Classify' uses model 'openai/gpt-5-mini', but provider 'openai' cannot be used: no API key: pass one to AddOpenAI(...) or set OPENAI_API_KEY",
            error.Message);
    }

    public static TheoryData<string> Providers() => new(WireFormat.All.Select(static w => w.Provider));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_answer_that_never_comes_ends_as_no_response_after_the_default_attempt_timeout_and_is_not_retried(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).Latency(TimeSpan.FromMinutes(10)).Always();
        var route = new RouteDescriptor
        {
            Name = "Integration.Hanging",
            Interface = "Failover.Integration.Tests.IHanging",
            Method = "RunAsync",
            Primary = new ModelTarget(wire.PrimaryId),
            Fallbacks = [new ModelTarget(wire.OtherProviderBackup)],
        };

        var call = h.RunAsync(route);
        await h.Simulator.WaitForLatencyAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await h.Time.WaitForTimersAsync(TimeSpan.FromMinutes(10));
        h.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(1)); // FailoverOptions.DefaultAttemptTimeout: 60 s

        var result = await call.WaitAsync(TimeSpan.FromSeconds(30)); // a broken test fails instead of hanging
        Assert.Equal(FailureKind.NoResponse, result.Attempts[0].Failure);
        Assert.Equal(TimeSpan.FromSeconds(60), result.Attempts[0].Latency);
        Assert.Equal(2, result.Attempts.Count); // the silent primary once, then the fallback
        Assert.Equal(wire.OtherProviderBackup, result.ServedBy!.Id);
    }
}
