using Microsoft.Extensions.AI;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

public sealed class DegradationTests
{
    private static Task<RouteResult<string>> RunAsync(EngineFixture f, RouteDescriptor route, CancellationToken token = default) =>
        f.Engine.RunAsync(route, [new ChatMessage(ChatRole.User, "hi")], ResponseReaders.Text, new RouteCallOptions<string> { Degrade = static () => "other" }, token);

    [Fact]
    public async Task When_every_model_fails_the_degraded_value_is_returned()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ServerError, 500);
        f.Anthropic.FailHttp("claude-haiku-4-5", FailureKind.Overloaded, 529);

        var result = await RunAsync(f, Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"));

        Assert.Equal("other", result.Value);
        Assert.True(result.IsDegraded);
        Assert.Null(result.ServedBy);
        Assert.Equal(2, result.Attempts.Count);
        var completed = f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Completed);
        Assert.Equal(RouteOutcome.Degraded, completed.Outcome);
    }

    [Fact]
    public async Task A_malformed_request_is_surfaced_not_degraded()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.MalformedRequest, 400);

        var error = await Assert.ThrowsAsync<FailoverException>(() => RunAsync(f, Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5")));

        Assert.Equal(FailureKind.MalformedRequest, error.LastFailure);
    }

    [Fact]
    public async Task A_cancelled_call_is_not_degraded()
    {
        using var f = new EngineFixture();
        f.OpenAI.Hang("gpt-5-mini");
        using var cts = new CancellationTokenSource();

        var call = RunAsync(f, Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), cts.Token);
        await FailurePolicyTableTests.WaitForCallsAsync(f.OpenAI, 1);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
