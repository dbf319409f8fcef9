using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

public sealed class StreamingTests
{
    private static async IAsyncEnumerable<ChatResponseUpdate> Chunks(IEnumerable<string> texts, Exception? breakWith = null, [EnumeratorCancellation] CancellationToken token = default)
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

    private static IList<ChatMessage> Prompt => [new ChatMessage(ChatRole.User, "write")];

    [Fact]
    public async Task A_stream_broken_before_the_first_chunk_fails_over()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Chunks([], new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable), token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Chunks(["Hel", "lo"], null, token));
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        var text = string.Concat(await f.Engine.StreamTextAsync(route, Prompt).ToListAsync());

        Assert.Equal("Hello", text);
        var attempts = f.Events.Events.Where(static e => e.Kind == RoutingEventKind.Attempt).ToList();
        Assert.Equal(["openai/gpt-5-mini:Overloaded", "anthropic/claude-haiku-4-5:None"], attempts.Select(static e => $"{e.Model!.Id}:{e.Failure}"));
        Assert.NotNull(attempts[1].TimeToFirstToken);
        Assert.Equal(RouteOutcome.ServedByFallback, f.Events.Events.Last().Outcome);
    }

    [Fact]
    public async Task A_stream_broken_after_the_first_chunk_does_not_fail_over_and_says_what_was_delivered()
    {
        using var f = new EngineFixture();
        f.OpenAI.Stream("gpt-5-mini", token => Chunks(["Hel", "lo, "], new HttpRequestException("reset", new IOException("Connection reset by peer")), token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Chunks(["unused"], null, token));
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (var chunk in f.Engine.StreamTextAsync(route, Prompt))
            {
                received.Add(chunk);
            }
        });

        Assert.Equal(["Hel", "lo, "], received);
        Assert.Equal(2, error.ChunksDelivered);
        Assert.Equal(7, error.CharactersDelivered);
        Assert.Equal(FailureKind.Connection, error.Failure);
        Assert.Equal("openai/gpt-5-mini", error.Model.Id);
        Assert.Contains("after 2 chunk(s) and 7 character(s) had been delivered", error.Message);
        Assert.Contains("Tests.Route", error.Message);
        Assert.Empty(f.Anthropic.Calls);
    }

    [Fact]
    public async Task The_attempt_timeout_bounds_time_to_first_chunk_and_time_to_first_token_is_recorded()
    {
        using var f = new EngineFixture(o => o.DefaultAttemptTimeout = TimeSpan.FromSeconds(2));
        f.OpenAI.Stream("gpt-5-mini", token => Delayed(f, TimeSpan.FromSeconds(10), "late", token));
        f.Anthropic.Stream("claude-haiku-4-5", token => Delayed(f, TimeSpan.FromMilliseconds(300), "quick", token));
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        var collect = f.Engine.StreamTextAsync(route, Prompt).ToListAsync().AsTask();
        await FailurePolicyTableTests.WaitForCallsAsync(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromSeconds(2));
        await FailurePolicyTableTests.WaitForCallsAsync(f.Anthropic, 1);
        f.Time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(["quick"], await collect);
        var served = f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Attempt && e.Failure == FailureKind.None);
        Assert.Equal(TimeSpan.FromMilliseconds(300), served.TimeToFirstToken);
        Assert.Equal(FailureKind.NoResponse, f.Events.Events.First(static e => e.Kind == RoutingEventKind.Attempt).Failure);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Delayed(EngineFixture f, TimeSpan delay, string text, [EnumeratorCancellation] CancellationToken token = default)
    {
        await Task.Delay(delay, f.Time, token);
        yield return new ChatResponseUpdate(ChatRole.Assistant, text);
    }
}
