using System.Net;
using System.Net.Sockets;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

/// <summary>One test per row of the failure policy table in DESIGN.md, against the engine with scripted providers.</summary>
public sealed class FailurePolicyTableTests
{
    [Fact]
    public async Task Rate_limited_with_a_short_retry_after_waits_for_it_then_retries_the_same_model()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.RateLimited, 429, "rate_limit_exceeded", TimeSpan.FromSeconds(2)).Reply("gpt-5-mini", "ok");
        var route = Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5");

        var call = f.RunAsync(route);
        await WaitForCallsAsync(f.OpenAI, 1);
        Assert.False(call.IsCompleted);
        f.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(call.IsCompleted);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));

        var result = await call;
        Assert.Equal("ok", result.Value);
        Assert.Equal("openai/gpt-5-mini", result.ServedBy!.Id);
        Assert.Equal([FailureKind.RateLimited, FailureKind.None], result.Attempts.Select(static a => a.Failure));
        Assert.Empty(f.Anthropic.Calls);
    }

    [Fact]
    public async Task Rate_limited_with_a_retry_after_longer_than_the_rule_allows_falls_back_at_once()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.RateLimited, 429, retryAfter: TimeSpan.FromMinutes(1));
        f.Anthropic.Reply("claude-haiku-4-5", "from anthropic");

        var result = await f.RunAsync(Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5"));

        Assert.Equal("from anthropic", result.Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        Assert.True(result.IsFallback);
    }

    public static TheoryData<string, Exception, FailureKind> TransientFailures => new()
    {
        { "overloaded 529", new ProviderException(FailureKind.Overloaded, "overloaded", 529, "overloaded_error"), FailureKind.Overloaded },
        { "503", new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable), FailureKind.Overloaded },
        { "500", new HttpRequestException("boom", null, HttpStatusCode.InternalServerError), FailureKind.ServerError },
        { "502", new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway), FailureKind.ServerError },
        { "connection reset", new HttpRequestException("reset", new IOException("Connection reset by peer")), FailureKind.Connection },
        { "connection refused", new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), FailureKind.Connection },
    };

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task Transient_failures_are_retried_with_backoff_then_fall_back(string name, Exception error, FailureKind kind)
    {
        using var f = new EngineFixture();
        f.OpenAI.Fail("gpt-5-mini", error);
        f.Anthropic.Reply("claude-haiku-4-5", "served");

        var result = await f.RunAsync(Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5"));

        Assert.Equal("served", result.Value);
        Assert.Equal(3, f.OpenAI.CallsTo("gpt-5-mini"));
        Assert.All(result.Attempts.Take(3), a => Assert.Equal(kind, a.Failure));
        Assert.Equal(4, result.Attempts.Count);
        Assert.NotNull(name);
    }

    [Fact]
    public async Task Backoff_delays_grow_exponentially_on_the_fake_clock()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503).FailHttp("gpt-5-mini", FailureKind.Overloaded, 503).Reply("gpt-5-mini", "third time");
        var route = Route("openai/gpt-5-mini", new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(5), Jitter = false });

        var call = f.RunAsync(route);
        await WaitForCallsAsync(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Single(f.OpenAI.Calls);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForCallsAsync(f.OpenAI, 2);
        f.Time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal(2, f.OpenAI.Calls.Count);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("third time", (await call).Value);
    }

    [Fact]
    public async Task A_hanging_attempt_times_out_and_the_route_moves_on()
    {
        using var f = new EngineFixture();
        f.OpenAI.Hang("gpt-5-mini");
        f.Anthropic.Reply("claude-haiku-4-5", "fallback answer");
        var route = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5") is var r
            ? new RouteDescriptor { Name = r.Name, Interface = r.Interface, Method = r.Method, Primary = r.Primary, Fallbacks = r.Fallbacks, AttemptTimeout = TimeSpan.FromSeconds(10) }
            : null!;

        var call = f.RunAsync(route);
        await WaitForCallsAsync(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromSeconds(10));

        var result = await call;
        Assert.Equal("fallback answer", result.Value);
        Assert.Equal(FailureKind.NoResponse, result.Attempts[0].Failure);
        Assert.Equal(TimeSpan.FromSeconds(10), result.Attempts[0].Latency);
    }

    [Theory]
    [InlineData(404, "model_not_found")]
    [InlineData(410, null)]
    public async Task A_model_that_is_gone_is_not_retried_and_the_route_falls_back(int status, string? code)
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-4o", FailureKind.ModelUnavailable, status, code);
        f.Anthropic.Reply("claude-haiku-4-5", "still answering");

        var result = await f.RunAsync(Route("openai/gpt-4o", NoDelayRetry(3), "anthropic/claude-haiku-4-5"));

        Assert.Equal(1, f.OpenAI.CallsTo("gpt-4o"));
        Assert.Equal(FailureKind.ModelUnavailable, result.Attempts[0].Failure);
        Assert.Equal(status, result.Attempts[0].StatusCode);
        Assert.Equal("still answering", result.Value);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Auth_failures_are_not_retried_and_skip_every_model_of_the_same_provider(int status)
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Auth, status).Reply("gpt-5", "never");
        f.Google.Reply("gemini-2.5-flash", "from google");

        var result = await f.RunAsync(Route("openai/gpt-5-mini", NoDelayRetry(3), "openai/gpt-5", "google/gemini-2.5-flash"));

        Assert.Equal("from google", result.Value);
        Assert.Equal(0, f.OpenAI.CallsTo("gpt-5"));
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        var skipped = Assert.Single(f.Events.Events, static e => e.Kind == RoutingEventKind.Skipped);
        Assert.Equal("openai/gpt-5", skipped.Model!.Id);
    }

    [Fact]
    public async Task Context_length_exceeded_moves_only_to_a_model_with_a_larger_window()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("small", FailureKind.ContextLengthExceeded, 400, "context_length_exceeded");
        f.Google.Reply("large", "fits");
        var route = new RouteDescriptor
        {
            Name = "Tests.Context",
            Interface = "Tests.IRoutes",
            Method = "RunAsync",
            Primary = new ModelTarget("openai/small", 8_000),
            Fallbacks = [new ModelTarget("anthropic/same-size", 8_000), new ModelTarget("google/large", 1_000_000)],
            Retry = NoDelayRetry(3),
        };

        var result = await f.RunAsync(route);

        Assert.Equal("fits", result.Value);
        Assert.Empty(f.Anthropic.Calls);
        Assert.Single(f.OpenAI.Calls);
    }

    [Fact]
    public async Task Context_length_exceeded_with_no_larger_model_fails_with_a_clear_reason()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ContextLengthExceeded, 400, "context_length_exceeded");
        var route = Route("openai/gpt-5-mini");

        var error = await Assert.ThrowsAsync<FailoverException>(() => f.RunAsync(route));
        Assert.Contains("the prompt did not fit", error.Message);
    }

    [Fact]
    public async Task A_content_policy_block_stops_the_route_by_default()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ContentPolicy, 400, "content_policy_violation");
        f.Anthropic.Reply("claude-haiku-4-5", "never");

        var error = await Assert.ThrowsAsync<FailoverException>(() => f.RunAsync(Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5")));

        Assert.Empty(f.Anthropic.Calls);
        Assert.Single(f.OpenAI.Calls);
        Assert.Equal(FailureKind.ContentPolicy, error.LastFailure);
        Assert.Contains("FallbackOnContentPolicy", error.Message);
    }

    [Fact]
    public async Task A_content_policy_block_falls_back_when_the_route_opts_in()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.ContentPolicy, 400, "content_policy_violation");
        f.Anthropic.Reply("claude-haiku-4-5", "answered");
        var r = Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5");
        var route = new RouteDescriptor { Name = r.Name, Interface = r.Interface, Method = r.Method, Primary = r.Primary, Fallbacks = r.Fallbacks, Retry = r.Retry, FallbackOnContentPolicy = true };

        Assert.Equal("answered", (await f.RunAsync(route)).Value);
        Assert.Single(f.OpenAI.Calls);
    }

    [Fact]
    public async Task A_malformed_request_is_surfaced_without_retry_or_fallback()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.MalformedRequest, 400, "invalid_request_error");

        var error = await Assert.ThrowsAsync<FailoverException>(() => f.RunAsync(Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5")));

        Assert.Single(f.OpenAI.Calls);
        Assert.Empty(f.Anthropic.Calls);
        Assert.Contains("malformed", error.Message);
    }

    [Fact]
    public async Task An_invalid_response_counts_as_a_failed_attempt_and_moves_on()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "", inputTokens: 7, outputTokens: 0);
        f.Anthropic.Reply("claude-haiku-4-5", "real text");

        var result = await f.RunAsync(Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5"));

        Assert.Equal("real text", result.Value);
        Assert.Single(f.OpenAI.Calls);
        Assert.Equal(FailureKind.InvalidResponse, result.Attempts[0].Failure);
    }

    [Fact]
    public async Task A_reader_that_rejects_the_answer_makes_it_an_invalid_response()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "not json");
        f.Anthropic.Reply("claude-haiku-4-5", "{\"n\":1}");

        var result = await f.Engine.RunAsync(
            Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"),
            [new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "x")],
            static r => System.Text.Json.JsonDocument.Parse(r.Text).RootElement.GetProperty("n").GetInt32());

        Assert.Equal(1, result.Value);
        Assert.Equal(FailureKind.InvalidResponse, result.Attempts[0].Failure);
        // The unreadable answer was still produced, and paid for, by the provider.
        Assert.Equal(20, result.InputTokens);
        Assert.Equal(10, result.Attempts[0].InputTokens);
    }

    [Fact]
    public async Task An_invalid_response_is_retried_once_when_the_rule_says_so()
    {
        using var f = new EngineFixture();
        f.OpenAI.Reply("gpt-5-mini", "").Reply("gpt-5-mini", "second try");
        var retry = new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, Jitter = false, RetryInvalidResponse = true };

        var result = await f.RunAsync(Route("openai/gpt-5-mini", retry));

        Assert.Equal("second try", result.Value);
        Assert.Equal(2, f.OpenAI.Calls.Count);
    }

    [Fact]
    public async Task Caller_cancellation_stops_at_once_without_fallback()
    {
        using var f = new EngineFixture();
        using var cts = new CancellationTokenSource();
        f.OpenAI.Hang("gpt-5-mini");
        f.Anthropic.Reply("claude-haiku-4-5", "never");

        var call = f.RunAsync(Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5"), cts.Token);
        await WaitForCallsAsync(f.OpenAI, 1);
        cts.Cancel();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Empty(f.Anthropic.Calls);
        Assert.Single(f.OpenAI.Calls);
        Assert.Equal(RouteOutcome.Cancelled, f.Events.Events.Last().Outcome);
    }

    [Fact]
    public async Task When_every_model_fails_one_exception_lists_every_attempt()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Anthropic.FailHttp("claude-haiku-4-5", FailureKind.Auth, 401, "authentication_error");
        f.Google.Fail("gemini-2.5-flash", new HttpRequestException("reset", new IOException("reset")));

        var error = await Assert.ThrowsAsync<FailoverException>(() =>
            f.RunAsync(Route("openai/gpt-5-mini", NoDelayRetry(2), "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash")));

        Assert.Equal("Tests.Route", error.Route.Name);
        Assert.Equal(
            ["openai/gpt-5-mini:Overloaded", "openai/gpt-5-mini:Overloaded", "anthropic/claude-haiku-4-5:Auth", "google/gemini-2.5-flash:Connection", "google/gemini-2.5-flash:Connection"],
            error.Attempts.Select(static a => $"{a.Model.Id}:{a.Failure}"));
        Assert.StartsWith("Route 'Tests.Route' failed: every model in the chain failed. Attempts (5):", error.Message);
        Assert.Contains("#3 anthropic/claude-haiku-4-5: Auth (HTTP 401)", error.Message);
        Assert.Equal(RouteOutcome.Failed, f.Events.Events.Last().Outcome);
    }

    [Fact]
    public async Task The_total_timeout_ends_the_route_with_a_clear_reason()
    {
        using var f = new EngineFixture();
        f.OpenAI.Hang("gpt-5-mini");
        f.Anthropic.Hang("claude-haiku-4-5");
        var r = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");
        var route = new RouteDescriptor { Name = r.Name, Interface = r.Interface, Method = r.Method, Primary = r.Primary, Fallbacks = r.Fallbacks, AttemptTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromSeconds(5) };

        var call = f.RunAsync(route);
        await WaitForCallsAsync(f.OpenAI, 1);
        f.Time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<FailoverException>(() => call);
        Assert.Contains("total timeout of 5000 ms elapsed", error.Message);
        Assert.Empty(f.Anthropic.Calls);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_remaining_budget_moves_to_the_next_model_instead_of_waiting()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.RateLimited, 429, retryAfter: TimeSpan.FromSeconds(4));
        f.Anthropic.Reply("claude-haiku-4-5", "served in time");
        var r = Route("openai/gpt-5-mini", NoDelayRetry(3), "anthropic/claude-haiku-4-5");
        var route = new RouteDescriptor { Name = r.Name, Interface = r.Interface, Method = r.Method, Primary = r.Primary, Fallbacks = r.Fallbacks, Retry = r.Retry, TotalTimeout = TimeSpan.FromSeconds(3) };

        var result = await f.RunAsync(route);

        Assert.Equal("served in time", result.Value);
        Assert.Single(f.OpenAI.Calls);
    }

    [Fact]
    public async Task An_attempt_timeout_is_cut_to_what_is_left_of_the_total_budget()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Anthropic.Hang("claude-haiku-4-5");
        var r = Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");
        var route = new RouteDescriptor { Name = r.Name, Interface = r.Interface, Method = r.Method, Primary = r.Primary, Fallbacks = r.Fallbacks, AttemptTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromSeconds(10) };

        var call = f.RunAsync(route);
        await WaitForCallsAsync(f.Anthropic, 1);
        f.Time.Advance(TimeSpan.FromSeconds(9.999));
        Assert.False(call.IsCompleted);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<FailoverException>(() => call);
        Assert.Contains("total timeout of 10000 ms elapsed", error.Message);
        Assert.Equal(FailureKind.Timeout, error.Attempts[^1].Failure);
    }

    [Fact]
    public async Task Tokens_and_cost_add_up_and_failed_attempts_are_not_billed()
    {
        using var f = new EngineFixture();
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        f.Anthropic.Reply("claude-haiku-4-5", "ok", inputTokens: 1_000, outputTokens: 500);

        var result = await f.RunAsync(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"));

        Assert.Equal(0, result.Attempts[0].InputTokens);
        Assert.Null(result.Attempts[0].Cost);
        Assert.Equal(1_000, result.InputTokens);
        Assert.Equal(500, result.OutputTokens);
        Assert.Equal((1_000 * 3m + 500 * 4m) / 1_000_000m, result.Cost);
    }

    internal static Task WaitForCallsAsync(ScriptedChatClient client, int count) => client.WaitForCallsAsync(count);
}
