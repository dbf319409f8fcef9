using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Failover.Runtime.Tests;

public sealed record Verdict(string Label, int Priority);

[JsonSerializable(typeof(Verdict))]
public sealed partial class VerdictJson : JsonSerializerContext;

/// <summary>Every return shape the generator implements, compiled by the real generator in this project's build.</summary>
[JsonContext(typeof(VerdictJson))]
public interface IShapesAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Classify: {ticket}")]
    Task<Verdict> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini", Owner = "tests")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Extract: {text}")]
    Task<RouteResult<Verdict>> ExtractAsync(string text, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1)]
    [Degrade(nameof(Offline))]
    [Prompt("Summarise: {text}")]
    ValueTask<RouteResult<string>> SummariseAsync(string text);

    static string Offline(string text) => $"(summary of {text.Length} characters unavailable)";

    [ModelRoute("anthropic/claude-sonnet-4-5", Owner = "tests")]
    [Fallback("openai/gpt-5")]
    [Retry(MaxAttempts = 1)]
    [Prompt("Draft about {topic}")]
    IAsyncEnumerable<string> DraftAsync(string topic, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Canary("google/gemini-2.5-flash", Percent = 50)]
    [Retry(MaxAttempts = 1)]
    [Prompt("Greet {name}")]
    Task<string> GreetAsync(string name, [CanaryKey] string userId);
}

/// <summary>The generated client of <see cref="IShapesAi"/> against scripted providers.</summary>
public sealed class GeneratedShapesTests
{
    [Fact]
    public async Task Structured_output_deserializes_with_the_source_generated_context_and_invalid_json_moves_on()
    {
        using var f = new EngineFixture(providers: b => b.AddFailoverClient<IShapesAi>());
        f.OpenAI.Reply("gpt-5-mini", "this is not json");
        f.Anthropic.Then("claude-haiku-4-5", (_, _) => Task.FromResult(ScriptedChatClient.Answer("{\"Label\":\"billing\",\"Priority\":2}")));
        var client = f.Services.GetRequiredService<IShapesAi>();

        var verdict = await client.ClassifyAsync("charged twice");

        Assert.Equal(new Verdict("billing", 2), verdict);
        var attempts = f.Events.Events.Where(static e => e.Kind == RoutingEventKind.Attempt).Select(static e => $"{e.Model!.Id}:{e.Failure}");
        Assert.Equal(["openai/gpt-5-mini:InvalidResponse", "anthropic/claude-haiku-4-5:None"], attempts);
    }

    [Fact]
    public void Structured_routes_ask_for_json_matching_the_schema_of_the_type()
    {
        var route = FailoverClientRegistry.RoutesOf<IShapesAi>().Single(static r => r.Name == "ShapesAi.Classify");

        var format = Assert.IsType<ChatResponseFormatJson>(route.Options!.ResponseFormat);
        var schema = format.Schema!.Value.GetRawText();
        Assert.Contains("\"Label\"", schema);
        Assert.Contains("\"Priority\"", schema);
    }

    [Fact]
    public async Task RouteResult_reports_the_serving_model_attempts_tokens_and_cost()
    {
        using var f = new EngineFixture(providers: b => b.AddFailoverClient<IShapesAi>());
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Google.Then("gemini-2.5-flash", (_, _) => Task.FromResult(ScriptedChatClient.Answer("{\"Label\":\"other\",\"Priority\":3}", 1_000, 100)));
        var client = f.Services.GetRequiredService<IShapesAi>();

        var result = await client.ExtractAsync("hello");

        Assert.Equal(new Verdict("other", 3), result.Value);
        Assert.Equal("google/gemini-2.5-flash", result.ServedBy!.Id);
        Assert.True(result.IsFallback);
        Assert.False(result.IsDegraded);
        Assert.Equal(2, result.Attempts.Count);
        Assert.Equal(1_000, result.InputTokens);
        Assert.Equal(100, result.OutputTokens);
        // Catalog prices compiled into the route table: gemini-2.5-flash at $0.30 in / $2.50 out per million.
        Assert.Equal((1_000 * 0.3m + 100 * 2.5m) / 1_000_000m, result.Cost);
    }

    [Fact]
    public async Task When_every_model_fails_the_static_degradation_answers_and_the_result_says_so()
    {
        using var f = new EngineFixture(providers: b => b.AddFailoverClient<IShapesAi>());
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Anthropic.FailHttp("claude-haiku-4-5", FailureKind.ServerError, 500);
        var client = f.Services.GetRequiredService<IShapesAi>();

        var result = await client.SummariseAsync("twelve chars");

        Assert.True(result.IsDegraded);
        Assert.Null(result.ServedBy);
        Assert.Equal("(summary of 12 characters unavailable)", result.Value);
        Assert.Equal(RouteOutcome.Degraded, f.Events.Events.Last().Outcome);
    }

    [Fact]
    public async Task A_generated_stream_fails_over_before_its_first_chunk()
    {
        using var f = new EngineFixture(providers: b => b.AddFailoverClient<IShapesAi>());
        f.Anthropic.Stream("claude-sonnet-4-5", token => Chunks([], new HttpRequestException("overloaded", null, (HttpStatusCode)529), token));
        f.OpenAI.Stream("gpt-5", token => Chunks(["Dear ", "customer"], null, token));
        var client = f.Services.GetRequiredService<IShapesAi>();

        var chunks = new List<string>();
        await foreach (var chunk in client.DraftAsync("refunds"))
        {
            chunks.Add(chunk);
        }

        Assert.Equal(["Dear ", "customer"], chunks);
        Assert.Equal(RouteOutcome.ServedByFallback, f.Events.Events.Last().Outcome);
    }

    [Fact]
    public async Task A_canary_key_pins_each_caller_to_one_model()
    {
        using var f = new EngineFixture(providers: b => b.AddFailoverClient<IShapesAi>());
        f.OpenAI.Reply("gpt-5-mini", "from the primary");
        f.Google.Reply("gemini-2.5-flash", "from the canary");
        var client = f.Services.GetRequiredService<IShapesAi>();

        var byUser = new Dictionary<string, HashSet<string>>();
        for (var round = 0; round < 3; round++)
        {
            for (var user = 0; user < 40; user++)
            {
                var answer = await client.GreetAsync("Ada", "user-" + user);
                (byUser.TryGetValue("user-" + user, out var seen) ? seen : byUser["user-" + user] = []).Add(answer);
            }
        }

        Assert.All(byUser.Values, static answers => Assert.Single(answers));
        Assert.Contains(byUser.Values, static a => a.Contains("from the canary"));
        Assert.Contains(byUser.Values, static a => a.Contains("from the primary"));
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Chunks(IEnumerable<string> texts, Exception? breakWith, [EnumeratorCancellation] CancellationToken token = default)
    {
        foreach (var text in texts)
        {
            await Task.Yield();
            token.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, text);
        }

        if (breakWith is not null)
        {
            throw breakWith;
        }
    }
}
