using Microsoft.Extensions.AI;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>The engine's choice of prompt variant per model slot (<see cref="PromptMessages"/>).</summary>
public sealed class PromptVariantEngineTests
{
    private static readonly RouteDescriptor Route = new()
    {
        Name = "Tests.Variants",
        Interface = "Tests.IRoutes",
        Method = "RunAsync",
        Primary = new ModelTarget("openai/gpt-5-mini"),
        Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5"), new ModelTarget("anthropic/claude-sonnet-4-5")],
        Retry = EngineFixture.NoDelayRetry(2),
        PromptVariants = ["anthropic", "anthropic/claude-sonnet-4-5"],
    };

    private static PromptMessages Messages()
    {
        var messages = new PromptMessages(3, hasSystem: true, hasPrompt: true)
        {
            new(ChatRole.System, "default system"),
            new(ChatRole.User, "earlier turn"),
            new(ChatRole.User, "default prompt"),
        };
        messages.AddVariant("anthropic system", null);
        messages.AddVariant(null, "sonnet prompt");
        return messages;
    }

    [Fact]
    public async Task Each_model_gets_its_variant_the_model_id_wins_over_the_provider_and_retries_reuse_one_list()
    {
        using var f = new EngineFixture();
        var seen = new List<(string Model, IEnumerable<ChatMessage> Messages)>();
        f.OpenAI.Then("gpt-5-mini", (m, _) => { seen.Add(("gpt-5-mini", m)); return Task.FromException<ChatResponse>(new ProviderException(FailureKind.ModelUnavailable, "gone", 404, null, null)); });
        for (var i = 0; i < 2; i++)
        {
            f.Anthropic.Then("claude-haiku-4-5", (m, _) => { seen.Add(("claude-haiku-4-5", m)); return Task.FromException<ChatResponse>(new ProviderException(FailureKind.ServerError, "boom", 500, null, null)); });
        }

        f.Anthropic.Then("claude-sonnet-4-5", (m, _) => { seen.Add(("claude-sonnet-4-5", m)); return Task.FromResult(ScriptedChatClient.Answer("ok")); });
        var messages = Messages();

        var result = await f.Engine.RunAsync(Route, messages, ResponseReaders.Text);

        Assert.Equal("ok", result.Value);
        static string Texts(IEnumerable<ChatMessage> m) => string.Join(" | ", m.Select(static x => $"{x.Role}:{x.Text}"));
        Assert.Equal(
            [
                "gpt-5-mini system:default system | user:earlier turn | user:default prompt",
                "claude-haiku-4-5 system:anthropic system | user:earlier turn | user:default prompt",
                "claude-haiku-4-5 system:anthropic system | user:earlier turn | user:default prompt",
                "claude-sonnet-4-5 system:default system | user:earlier turn | user:sonnet prompt",
            ],
            seen.Select(static s => $"{s.Model} {Texts(s.Messages)}"));

        // The default model gets the caller's list itself; a retried variant is built once.
        Assert.Same(messages, seen[0].Messages);
        Assert.Same(seen[1].Messages, seen[2].Messages);
        Assert.Equal("anthropic", Route.PromptVariantOf("ANTHROPIC/claude-haiku-4-5"));
        Assert.Equal("anthropic/claude-sonnet-4-5", Route.PromptVariantOf("anthropic/claude-sonnet-4-5"));
        Assert.Null(Route.PromptVariantOf("openai/gpt-5-mini"));
    }

    [Fact]
    public async Task A_variant_may_add_a_system_prompt_the_route_has_no_default_for()
    {
        using var f = new EngineFixture();
        IEnumerable<ChatMessage>? sent = null;
        f.Anthropic.Then("claude-haiku-4-5", (m, _) => { sent = m; return Task.FromResult(ScriptedChatClient.Answer("ok")); });
        var route = new RouteDescriptor { Name = "Tests.NoDefaultSystem", Interface = "Tests.IRoutes", Method = "RunAsync", Primary = new ModelTarget("anthropic/claude-haiku-4-5"), PromptVariants = ["anthropic"] };
        var messages = new PromptMessages(1, hasSystem: false, hasPrompt: true) { new(ChatRole.User, "hi") };
        messages.AddVariant("be brief", null);

        await f.Engine.RunAsync(route, messages, ResponseReaders.Text);

        Assert.Equal(["system:be brief", "user:hi"], sent!.Select(static m => $"{m.Role}:{m.Text}"));
    }
}
