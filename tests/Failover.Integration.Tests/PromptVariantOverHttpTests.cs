using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Integration.Tests;

/// <summary>Routes whose Anthropic fallback gets its own system prompt and prompt (issue 13, item 5).</summary>
public interface IFamilyPromptAi
{
    [ModelRoute("openai/gpt-5-mini", Name = "family.classify", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 1)]
    [SystemPrompt("You classify support tickets.")]
    [SystemPrompt("You are a careful support triage assistant. Answer with one lowercase word.", For = "anthropic")]
    [Prompt("Classify: {ticket}")]
    [Prompt("<ticket>{ticket}</ticket>\nClassify the ticket above.", For = "anthropic")]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5", Name = "family.draft", Owner = "tests")]
    [Fallback("anthropic/claude-sonnet-4-5")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Draft a reply about {topic}")]
    [Prompt("<topic>{topic}</topic>\nDraft a reply about the topic above.", For = "anthropic/claude-sonnet-4-5")]
    IAsyncEnumerable<string> DraftAsync(string topic, CancellationToken cancellationToken = default);
}

/// <summary>Per-family prompts over real HTTP against the simulator: each attempt's request body carries its model's variant.</summary>
public sealed class PromptVariantOverHttpTests
{
    private static async Task<Harness> StartAsync()
    {
        var harness = await Harness.StartAsync(configure: static b => b.AddFailoverClient<IFamilyPromptAi>());
        foreach (var model in new[] { "gpt-5-mini", "gpt-5", "claude-haiku-4-5", "claude-sonnet-4-5", "gemini-2.5-flash" })
        {
            harness.Simulator.Model(model).Reply("billing");
        }

        return harness;
    }

    private static JsonElement Body(Harness h, string model) => JsonDocument.Parse(h.Simulator.LastRequestFor(model)!.Body).RootElement;

    /// <summary>Every string value of the model's last request body, unescaped, one per line.</summary>
    private static string Texts(Harness h, string model)
    {
        var texts = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: texts.Add(e.GetString()!); break;
                case JsonValueKind.Array: foreach (var item in e.EnumerateArray()) { Walk(item); } break;
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) { Walk(p.Value); } break;
            }
        }

        Walk(Body(h, model));
        return string.Join("\n", texts);
    }

    [Fact]
    public async Task The_anthropic_fallback_receives_its_own_system_prompt_and_prompt_and_the_others_the_defaults()
    {
        await using var h = await StartAsync();
        h.Simulator.Model("gpt-5-mini").SwitchOff();
        var client = h.Services.GetRequiredService<IFamilyPromptAi>();

        Assert.Equal("billing", await client.ClassifyAsync("I was charged twice"));

        // The primary got the defaults (OpenAI: system and user messages).
        var openai = Body(h, "gpt-5-mini").GetProperty("messages");
        Assert.Equal("You classify support tickets.", openai[0].GetProperty("content").GetString());
        Assert.Equal("Classify: I was charged twice", openai[openai.GetArrayLength() - 1].GetProperty("content").GetString());

        // The Anthropic fallback got its family's texts (Anthropic: top-level system, user message).
        var anthropic = Body(h, "claude-haiku-4-5");
        Assert.Contains("You are a careful support triage assistant. Answer with one lowercase word.", anthropic.GetProperty("system").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("You classify support tickets.", anthropic.GetRawText(), StringComparison.Ordinal);
        var user = anthropic.GetProperty("messages");
        Assert.Equal(1, user.GetArrayLength());
        Assert.Contains("<ticket>I was charged twice</ticket>\nClassify the ticket above.", Texts(h, "claude-haiku-4-5"), StringComparison.Ordinal);
        Assert.DoesNotContain("Classify: I was charged twice", Texts(h, "claude-haiku-4-5"), StringComparison.Ordinal);

        // With Anthropic down too, Gemini gets the defaults again.
        h.Simulator.Model("claude-haiku-4-5").SwitchOff();
        Assert.Equal("billing", await client.ClassifyAsync("Refund please"));
        var gemini = Texts(h, "gemini-2.5-flash");
        Assert.Contains("You classify support tickets.", gemini, StringComparison.Ordinal);
        Assert.Contains("Classify: Refund please", gemini, StringComparison.Ordinal);
        Assert.DoesNotContain("<ticket>", gemini, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_sends_the_variant_named_by_model_id_to_that_model()
    {
        await using var h = await StartAsync();
        h.Simulator.Model("gpt-5").SwitchOff();
        var client = h.Services.GetRequiredService<IFamilyPromptAi>();

        var text = string.Concat(await client.DraftAsync("late delivery").ToListAsync());

        Assert.Equal("billing", text);
        Assert.Contains("Draft a reply about late delivery", Texts(h, "gpt-5"), StringComparison.Ordinal);
        Assert.True(h.Simulator.LastRequestFor("claude-sonnet-4-5")!.IsStreaming);
        var sonnet = Texts(h, "claude-sonnet-4-5");
        Assert.Contains("<topic>late delivery</topic>", sonnet, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft a reply about late delivery", sonnet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drill_probes_each_model_with_its_familys_prompt_and_reports_the_variant()
    {
        await using var h = await StartAsync();

        var report = await FailoverDrill.RunAsync(h.Services, new DrillOptions { Interfaces = { typeof(IFamilyPromptAi) } });

        Assert.True(report.Passed, report.ToTable());
        Assert.Equal(
            ["family.classify openai/gpt-5-mini default", "family.classify anthropic/claude-haiku-4-5 anthropic", "family.classify google/gemini-2.5-flash default",
             "family.draft openai/gpt-5 default", "family.draft anthropic/claude-sonnet-4-5 anthropic/claude-sonnet-4-5"],
            report.Results.Select(static r => $"{r.Route} {r.Model} {r.PromptVariant ?? "default"}"));
        Assert.Contains("You are a careful support triage assistant.", Texts(h, "claude-haiku-4-5"), StringComparison.Ordinal);
        Assert.Contains("Classify: This is a failover drill probe", Texts(h, "gpt-5-mini"), StringComparison.Ordinal);
        Assert.Contains("<topic>This is a failover drill probe", Texts(h, "claude-sonnet-4-5"), StringComparison.Ordinal);

        Assert.Contains("| Route | Model | Role | Prompt |", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("| for anthropic |", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("for anthropic/claude-sonnet-4-5", report.ToTable(), StringComparison.Ordinal);
        var json = JsonDocument.Parse(report.ToJson()).RootElement.GetProperty("results");
        Assert.Equal("anthropic", json[1].GetProperty("promptVariant").GetString());
        Assert.Equal(JsonValueKind.Null, json[0].GetProperty("promptVariant").ValueKind);
        Assert.Equal("anthropic", DrillReport.FromJson(report.ToJson()).Results[1].PromptVariant);
    }
}
