using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failover.Integration.Tests;

public sealed record DrillVerdict(string Label, int Priority);

[JsonSerializable(typeof(DrillVerdict))]
public sealed partial class DrillVerdictJson : JsonSerializerContext;

/// <summary>The routes the drill tests probe: text with a canary, structured, streamed, and ValueTask with a degradation.</summary>
[JsonContext(typeof(DrillVerdictJson))]
public interface IDrillAi
{
    [ModelRoute("openai/gpt-5-mini", Name = "drill.classify", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Fallback("google/gemini-2.5-flash")]
    [Canary("google/gemini-2.5-pro", Percent = 1)]
    [Retry(MaxAttempts = 1)]
    [Prompt("Classify this support ticket.\nTicket: {ticket}")]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini", Name = "drill.extract", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Extract the label and priority: {text}")]
    Task<DrillVerdict> ExtractAsync(string text, CancellationToken cancellationToken = default);

    [ModelRoute("anthropic/claude-sonnet-4-5", Name = "drill.draft", Owner = "tests")]
    [Fallback("openai/gpt-5")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Draft a reply about {topic}")]
    IAsyncEnumerable<string> DraftAsync(string topic, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini", Name = "drill.summarise", Owner = "tests")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 1)]
    [Degrade(nameof(Offline))]
    [Prompt("Summarise: {text}")]
    ValueTask<RouteResult<string>> SummariseAsync(string text);

    static string Offline(string text) => "(no summary)";
}

/// <summary>FailoverDrill over real HTTP against the simulator, through the generated client and the engine's chain walk.</summary>
public sealed class DrillTests
{
    private static readonly string[] s_models = ["gpt-5-mini", "gpt-5", "claude-haiku-4-5", "claude-sonnet-4-5", "gemini-2.5-flash", "gemini-2.5-pro"];

    private static async Task<Harness> StartAsync(string? refusing = null)
    {
        var harness = await Harness.StartAsync(refusing, static b => b.AddFailoverClient<IDrillAi>());
        foreach (var model in s_models)
        {
            harness.Simulator.Model(model).Reply("billing").ReplyJson(Json);
        }

        // The Anthropic provider asks for JSON in the prompt (no output_format field), so the simulator's text reply is what
        // it returns: haiku, the structured route's Anthropic fallback, answers JSON text on every route.
        harness.Simulator.Model("claude-haiku-4-5").Reply(Json);

        return harness;
    }

    private const string Json = """{"label":"billing","priority":2}""";

    private static DrillOptions Only() => new() { Interfaces = { typeof(IDrillAi) } };

    [Fact]
    public async Task A_healthy_drill_makes_every_model_of_every_chain_answer_once_with_the_routes_own_prompt()
    {
        await using var h = await StartAsync();

        var report = await FailoverDrill.RunAsync(h.Services, Only());

        Assert.True(report.Passed, report.ToTable());
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(
            ["drill.classify gpt-5-mini primary", "drill.classify claude-haiku-4-5 fallback 1", "drill.classify gemini-2.5-flash fallback 2", "drill.classify gemini-2.5-pro canary",
             "drill.draft claude-sonnet-4-5 primary", "drill.draft gpt-5 fallback 1",
             "drill.extract gpt-5-mini primary", "drill.extract claude-haiku-4-5 fallback 1",
             "drill.summarise gpt-5-mini primary", "drill.summarise gemini-2.5-flash fallback 1"],
            report.Results.Select(static r => $"{r.Route} {r.Model[(r.Model.IndexOf('/') + 1)..]} {r.Role}"));

        // Each probe reached exactly its model: the others were failed over by the engine's walk, not called.
        Assert.Equal(3, h.Simulator.RequestCount("gpt-5-mini"));
        Assert.Equal(2, h.Simulator.RequestCount("claude-haiku-4-5"));
        Assert.Equal(2, h.Simulator.RequestCount("gemini-2.5-flash"));
        Assert.Equal(1, h.Simulator.RequestCount("gemini-2.5-pro"));
        Assert.Equal(1, h.Simulator.RequestCount("gpt-5"));
        Assert.Equal(1, h.Simulator.RequestCount("claude-sonnet-4-5"));
        Assert.Contains("Classify this support ticket.", h.Simulator.LastRequestFor("gemini-2.5-pro")!.Body, StringComparison.Ordinal);

        Assert.All(report.Results, static r => Assert.True(r.Reachable && r.Answered && r.Attempts == 1 && r.InputTokens > 0 && r.OutputTokens > 0 && r.Cost > 0));
        Assert.All(report.Results.Where(static r => r.Route == "drill.extract"), static r => Assert.True(r.StructuredOutputValid));
        Assert.All(report.Results.Where(static r => r.Route == "drill.draft"), static r => Assert.True(r.Streamed == true && r.Chunks > 0));
        Assert.All(report.Results.Where(static r => r.Route == "drill.classify"), static r => Assert.Null(r.StructuredOutputValid ?? r.Streamed));

        // The application's health store was not touched by the drill.
        Assert.True(h.Services.GetRequiredService<IRouteHealthStore>().TryEnter(new ModelTarget("openai/gpt-5-mini")).IsAvailable);
        Assert.Empty(h.Events.Events);
    }

    [Fact]
    public async Task A_switched_off_fallback_fails_the_drill_and_is_named_while_the_other_models_pass()
    {
        await using var h = await StartAsync();
        h.Simulator.Model("claude-haiku-4-5").SwitchOff();

        var report = await FailoverDrill.RunAsync(h.Services, Only());

        Assert.False(report.Passed);
        Assert.Equal(1, report.ExitCode);
        var failed = report.Failures.Select(static r => $"{r.Route} {r.Model} {r.Role}").ToList();
        Assert.Equal(["drill.classify anthropic/claude-haiku-4-5 fallback 1", "drill.extract anthropic/claude-haiku-4-5 fallback 1"], failed);
        var row = report.Failures.First();
        Assert.True(row.Reachable);
        Assert.False(row.Answered);
        Assert.Contains("ModelUnavailable (HTTP 404)", row.Failure, StringComparison.Ordinal);
        Assert.Contains("anthropic/claude-haiku-4-5 (fallback 1 of drill.classify)", report.ToTable(), StringComparison.Ordinal);
        Assert.Contains("**FAIL**", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.False(report.Failures.Last().StructuredOutputValid);
    }

    [Fact]
    public async Task Invalid_json_from_a_model_of_a_structured_route_is_reported_as_invalid_output()
    {
        await using var h = await StartAsync();
        h.Simulator.Model("claude-haiku-4-5").Reply("{ this is not json");

        var options = Only();
        options.Routes.Add("drill.extract");
        var report = await FailoverDrill.RunAsync(h.Services, options);

        var haiku = Assert.Single(report.Failures);
        Assert.Equal("anthropic/claude-haiku-4-5", haiku.Model);
        Assert.False(haiku.StructuredOutputValid);
        Assert.True(haiku.Reachable);
        Assert.StartsWith("InvalidResponse", haiku.Failure, StringComparison.Ordinal);
        Assert.True(report.Results.Single(static r => r.Role == "primary").StructuredOutputValid);
    }

    [Fact]
    public async Task A_provider_that_refuses_connections_is_unreachable_and_a_degradation_does_not_count_as_an_answer()
    {
        await using var h = await StartAsync(refusing: "google");

        var report = await FailoverDrill.RunAsync(h.Services, Only());

        var google = report.Failures.ToList();
        Assert.Equal(["google/gemini-2.5-flash", "google/gemini-2.5-pro", "google/gemini-2.5-flash"], google.Select(static r => r.Model));
        Assert.All(google, static r => Assert.False(r.Reachable));
        Assert.All(google, static r => Assert.StartsWith("Connection", r.Failure, StringComparison.Ordinal));
        Assert.All(report.Results.Where(static r => !r.Model.StartsWith("google/", StringComparison.Ordinal)), static r => Assert.True(r.Passed));
    }

    [Fact]
    public async Task A_probe_that_outlives_its_timeout_fails_with_the_timeout_named()
    {
        await using var h = await StartAsync();
        h.Simulator.Model("gpt-5").Latency(TimeSpan.FromMinutes(10)).Always();
        var options = Only();
        options.Routes.Add("drill.draft");
        options.ProbeTimeout = TimeSpan.FromSeconds(5);

        var drill = FailoverDrill.RunAsync(h.Services, options);
        await h.Time.WaitForTimersAsync(TimeSpan.FromSeconds(5), count: 2);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var report = await drill;

        var gpt5 = Assert.Single(report.Failures);
        Assert.Equal("openai/gpt-5", gpt5.Model);
        Assert.Contains("timed out after 5 s", gpt5.Failure, StringComparison.Ordinal);
        Assert.False(gpt5.Streamed);
    }

    [Fact]
    public async Task The_command_writes_json_and_markdown_returns_the_exit_code_and_rejects_an_unknown_route()
    {
        await using var h = await StartAsync();
        h.Simulator.Model("gpt-5").SwitchOff();
        var json = Path.GetTempFileName();
        var markdown = Path.GetTempFileName();
        try
        {
            var output = new StringWriter();
            var exit = await FailoverDrill.RunAsync(h.Services, ["drill", "--route", "drill.draft", "--json", json, "--markdown", markdown], output);

            Assert.Equal(1, exit);
            Assert.Contains("openai/gpt-5 (fallback 1 of drill.draft)", output.ToString(), StringComparison.Ordinal);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            Assert.False(document.RootElement.GetProperty("passed").GetBoolean());
            var rows = document.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(2, rows.Count);
            Assert.True(rows[0].GetProperty("streamed").GetBoolean());
            Assert.Equal("openai/gpt-5", rows[1].GetProperty("model").GetString());
            Assert.StartsWith("ModelUnavailable", rows[1].GetProperty("failure").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("| Route | Model |", await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);

            var unknown = new StringWriter();
            Assert.Equal(2, await FailoverDrill.RunAsync(h.Services, ["drill", "--route", "no.such.route"], unknown));
            Assert.Contains("'no.such.route'", unknown.ToString(), StringComparison.Ordinal);
            Assert.Equal(2, await FailoverDrill.RunAsync(h.Services, ["drill", "--frobnicate"], new StringWriter()));
        }
        finally
        {
            File.Delete(json);
            File.Delete(markdown);
        }
    }
}

/// <summary>The unrouted-call list generated in this project's real build (the generator runs as an analyzer here).</summary>
public sealed class GeneratedInventoryTests
{
    [Fact]
    public void The_direct_IChatClient_calls_of_this_test_project_are_registered_for_the_inventory_and_routed_code_is_not()
    {
        var calls = ModelCallInventory.UnroutedCalls.Where(static c => c.Assembly == "Failover.Integration.Tests").ToList();

        Assert.Contains(calls, static c => c.File == "ProviderStreamingOverHttpTests.cs" && c.Api.EndsWith("GetStreamingResponseAsync", StringComparison.Ordinal) && c.Line > 0);
        Assert.DoesNotContain(calls, static c => c.File.EndsWith(".g.cs", StringComparison.Ordinal));
        Assert.Contains("## Unrouted model calls", RouteInventory.ToMarkdown(FailoverClientRegistry.RoutesOf<IDrillAi>(), calls));
    }
}
