using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>Issue 9's attribute settings, compiled by the real generator in this project's build.</summary>
[RouteTimeout(FirstTokenTimeoutMs = 7000, StallTimeoutMs = 9000)]
public interface IStreamSettingsAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "tests", StreamRecovery = StreamRecovery.Restart, StallTimeoutMs = 2500)]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 2, RetryOn = new[] { FailureKind.NoResponse }, NoRetryOn = new[] { FailureKind.RateLimited })]
    [Prompt("Draft about {topic}")]
    IAsyncEnumerable<string> DraftAsync(string topic, CancellationToken cancellationToken = default);

    [ModelRoute("openai/gpt-5-mini", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Prompt("Write about {topic}")]
    IAsyncEnumerable<ChatResponseUpdate> WriteAsync(string topic, CancellationToken cancellationToken = default);
}

public sealed class GeneratedStreamSettingsTests
{
    private static RouteDescriptor Route(string name) => FailoverClientRegistry.RoutesOf<IStreamSettingsAi>().Single(r => r.Name == name);

    [Fact]
    public void Stream_limits_recovery_and_retry_lists_reach_the_route_table()
    {
        var draft = Route("StreamSettingsAi.Draft");
        Assert.Equal(StreamRecovery.Restart, draft.StreamRecovery);
        Assert.Equal(TimeSpan.FromMilliseconds(7000), draft.FirstTokenTimeout); // from the interface's [RouteTimeout]
        Assert.Equal(TimeSpan.FromMilliseconds(2500), draft.StallTimeout);      // the route's own value wins
        Assert.Equal([FailureKind.NoResponse], draft.Retry.RetryOn);
        Assert.Equal([FailureKind.RateLimited], draft.Retry.NoRetryOn);

        var write = Route("StreamSettingsAi.Write");
        Assert.Equal(StreamRecovery.None, write.StreamRecovery);
        Assert.Equal(TimeSpan.FromMilliseconds(9000), write.StallTimeout);
        Assert.Empty(write.Retry.RetryOn);
    }

    [Fact]
    public async Task A_generated_text_stream_is_a_RouteStream_that_restarts_and_reports_who_served()
    {
        using var f = new EngineFixture(providers: b => b.AddFailoverClient<IStreamSettingsAi>());
        f.OpenAI.Stream("gpt-5-mini", token => Chunks(["Par", "tial"], new ProviderException(FailureKind.StreamInterrupted, "cut"), token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Chunks(["Whole answer."], null, token));
        var client = f.Services.GetRequiredService<IStreamSettingsAi>();

        var stream = Assert.IsType<RouteStream<string>>(client.DraftAsync("failover"));
        var restarts = 0;
        var shown = "";
        stream.Restarted += _ =>
        {
            restarts++;
            shown = "";
        };
        await foreach (var chunk in stream)
        {
            shown += chunk;
        }

        Assert.Equal("Whole answer.", shown);
        Assert.Equal(1, restarts);
        Assert.Equal("anthropic/claude-haiku-4-5", stream.ServedBy!.Id);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Chunks(string[] texts, Exception? breakWith, [EnumeratorCancellation] CancellationToken token = default)
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
