using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Failover.Runtime.Tests;

public interface ITicketAi
{
    [ModelRoute("openai/gpt-5-mini", Tier = RouteTier.Classification, Owner = "support")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 1)]
    [SystemPrompt("You label support tickets.")]
    [Prompt("Label ticket {id}: {ticket}")]
    Task<string> LabelAsync(string ticket, int id, CancellationToken cancellationToken = default);

    [ModelRoute("anthropic/claude-sonnet-4-5", Criticality = Criticality.Critical)]
    [Fallback("openai/gpt-5")]
    ValueTask<ChatResponse> ContinueAsync(IEnumerable<ChatMessage> conversation, CancellationToken cancellationToken = default);
}

/// <summary>These run the code the generator emitted in this project's own build.</summary>
public sealed class GeneratedClientTests
{
    [Fact]
    public void The_generator_ran_in_this_build()
    {
        Assert.Equal(["TicketAi.Continue", "TicketAi.Label"], FailoverClientRegistry.RoutesOf<ITicketAi>().Select(static r => r.Name).Order());
        Assert.Equal("Failover.Runtime.Tests.TicketAiFailoverClient", typeof(ITicketAi).Assembly.GetType("Failover.Runtime.Tests.TicketAiFailoverClient")?.FullName);
    }

    [Fact]
    public async Task A_503_primary_and_a_401_first_fallback_are_served_by_the_second_fallback()
    {
        using var f = new EngineFixture(providers: b => b.AddFailoverClient<ITicketAi>());
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Anthropic.FailHttp("claude-haiku-4-5", FailureKind.Auth, 401, "authentication_error");
        f.Google.Then("gemini-2.5-flash", static (messages, _) =>
        {
            var list = messages.ToList();
            Assert.Equal(ChatRole.System, list[0].Role);
            Assert.Equal("You label support tickets.", list[0].Text);
            Assert.Equal("Label ticket 42: printer on fire", list[1].Text);
            return Task.FromResult(ScriptedChatClient.Answer("bug"));
        });

        var client = f.Services.GetRequiredService<ITicketAi>();
        Assert.Equal("bug", await client.LabelAsync("printer on fire", 42));

        var attempts = f.Events.Events.Where(static e => e.Kind == RoutingEventKind.Attempt).ToList();
        Assert.Equal(["openai/gpt-5-mini:Overloaded", "anthropic/claude-haiku-4-5:Auth", "google/gemini-2.5-flash:None"], attempts.Select(static e => $"{e.Model!.Id}:{e.Failure}"));
        Assert.Equal(RouteOutcome.ServedByFallback, f.Events.Events.Last().Outcome);
    }

    [Fact]
    public async Task A_messages_parameter_is_sent_as_the_conversation()
    {
        using var f = new EngineFixture(providers: b => b.AddFailoverClient<ITicketAi>());
        f.Anthropic.Then("claude-sonnet-4-5", static (messages, _) => Task.FromResult(ScriptedChatClient.Answer($"{messages.Count()} messages")));

        var client = f.Services.GetRequiredService<ITicketAi>();
        var response = await client.ContinueAsync([new ChatMessage(ChatRole.User, "a"), new ChatMessage(ChatRole.Assistant, "b"), new ChatMessage(ChatRole.User, "c")]);

        Assert.Equal("3 messages", response.Text);
    }

    [Fact]
    public void Resolving_a_client_whose_route_names_an_unregistered_provider_fails_naming_route_and_provider()
    {
        var services = new ServiceCollection();
        services.AddFailover(b => b.AddProvider("openai", new ScriptedChatClient()).AddProvider("anthropic", new ScriptedChatClient())).AddFailoverClient<ITicketAi>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<FailoverConfigurationException>(() => provider.GetRequiredService<ITicketAi>());
        Assert.Contains("Route 'TicketAi.Label' uses model 'google/gemini-2.5-flash', but no provider named 'google' is registered", error.Message);
    }

    [Fact]
    public void A_provider_registered_without_a_key_fails_at_startup_naming_route_and_provider()
    {
        var services = new ServiceCollection();
        services.AddFailover(b => b
                .AddProvider("openai", new ScriptedChatClient())
                .AddMisconfiguredProvider("anthropic", "no API key: pass one to AddAnthropic(...) or set ANTHROPIC_API_KEY")
                .AddProvider("google", new ScriptedChatClient()))
            .AddFailoverClient<ITicketAi>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<FailoverConfigurationException>(() => provider.GetRequiredService<ITicketAi>());
        Assert.Equal("Route 'TicketAi.Label' uses model 'anthropic/claude-haiku-4-5', but provider 'anthropic' cannot be used: no API key: pass one to AddAnthropic(...) or set ANTHROPIC_API_KEY", error.Message);
    }

    [Fact]
    public void An_interface_without_a_generated_client_gets_an_actionable_error()
    {
        var services = new ServiceCollection();
        services.AddFailover().AddFailoverClient<IDisposable>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<FailoverConfigurationException>(() => provider.GetRequiredService<IDisposable>());
        Assert.Contains("No generated failover client exists for 'System.IDisposable'", error.Message);
    }
}
