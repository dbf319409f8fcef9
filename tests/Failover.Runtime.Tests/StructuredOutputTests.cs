using Microsoft.Extensions.AI;
using Xunit;

namespace Failover.Runtime.Tests;

public sealed record TicketLabel(string Category, int Priority);

public sealed class StructuredOutputTests
{
    private static readonly RouteDescriptor JsonRoute = new()
    {
        Name = "Tests.Json",
        Interface = "Tests.IRoutes",
        Method = "LabelAsync",
        Primary = new ModelTarget("openai/gpt-5-mini", 100_000, 1m, 2m),
        Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5", 200_000, 3m, 4m)],
        Options = StructuredOutput.JsonOptions(StructuredOutput.ReflectionTypeInfo<TicketLabel>()),
    };

    private static Task<RouteResult<TicketLabel>> RunAsync(EngineFixture f) =>
        f.Engine.RunAsync(JsonRoute, [new ChatMessage(ChatRole.User, "label")], StructuredOutput.Reader(StructuredOutput.ReflectionTypeInfo<TicketLabel>()));

    [Fact]
    public async Task Valid_json_is_deserialized_and_a_json_schema_is_requested()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", """{"category":"bug","priority":2}""", 1000, 500);

        var result = await RunAsync(f);

        Assert.Equal(new TicketLabel("bug", 2), result.Value);
        var format = Assert.IsType<ChatResponseFormatJson>(f.OpenAI.Options.Single().ResponseFormat);
        Assert.Contains("category", format.Schema!.Value.GetRawText());
    }

    [Fact]
    public async Task Invalid_json_is_an_invalid_response_that_moves_on_and_the_result_carries_model_attempts_and_cost()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "Sure! The category is bug.", 1_000_000, 0);
        f.Anthropic.Reply("claude-haiku-4-5", "```json\n{\"category\":\"billing\",\"priority\":1}\n```", 1_000_000, 1_000_000);

        var result = await RunAsync(f);

        Assert.Equal(new TicketLabel("billing", 1), result.Value);
        Assert.Equal("anthropic/claude-haiku-4-5", result.ServedBy!.Id);
        Assert.Equal([FailureKind.InvalidResponse, FailureKind.None], result.Attempts.Select(static a => a.Failure));
        Assert.False(result.IsDegraded);
        Assert.True(result.IsFallback);
        Assert.Equal(2_000_000, result.InputTokens);
        // The unreadable answer was still paid for: $1 + $3 input, $4 output.
        Assert.Equal(8m, result.Cost);
    }

    [Fact]
    public async Task Json_null_is_invalid_too()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "null");
        f.Anthropic.Reply("claude-haiku-4-5", """{"category":"other","priority":3}""");

        Assert.Equal("other", (await RunAsync(f)).Value.Category);
    }
}
