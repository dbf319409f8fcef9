using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>
/// <c>Failover:Routes:{route}:RetryOn</c> / <c>NoRetryOn</c>: retry by failure kind overridden per route from
/// configuration, on the generated <c>TicketAi.Label</c> route (declared with one attempt per model), and the startup
/// errors that name the key.
/// </summary>
/// <remarks>The behaviour tests run <see cref="IRetryKindsAi"/>, whose backoff is fixed (no jitter), so the test knows the timer to wait for.</remarks>
public sealed class RetryKindsFromConfigurationTests
{
    private static RouteDescriptor Label => FailoverClientRegistry.RoutesOf<ITicketAi>().Single(static r => r.Name == "TicketAi.Label");

    private static RouteDescriptor Answer => FailoverClientRegistry.RoutesOf<IRetryKindsAi>().Single();

    private static Task<RouteResult<string>> RunAsync(EngineFixture f, RouteDescriptor? route = null) =>
        f.Engine.RunAsync(route ?? Label, [new ChatMessage(ChatRole.User, "hi")], ResponseReaders.Text);

    [Fact]
    public async Task RetryOn_from_configuration_retries_a_silent_model_once_more_before_the_fallback()
    {
        var config = new ConfigurationManager();
        config["Failover:Routes:RetryKindsAi.Answer:MaxAttempts"] = "2";
        config["Failover:Routes:RetryKindsAi.Answer:AttemptTimeout"] = "00:00:03";
        config["Failover:Routes:RetryKindsAi.Answer:RetryOn:0"] = "NoResponse";
        using var f = new EngineFixture(configuration: config);
        f.OpenAI.Hang("gpt-5-mini").Reply("gpt-5-mini", "second try");
        f.Anthropic.Reply("claude-haiku-4-5", "never");

        var call = RunAsync(f, Answer);
        await f.OpenAI.WaitForCallsAsync(1);
        f.Time.Advance(TimeSpan.FromSeconds(3)); // the attempt timeout, armed before the provider was called
        await f.Time.WaitForTimersAsync(TimeSpan.FromMilliseconds(500)); // the declared backoff before the second try
        f.Time.Advance(TimeSpan.FromMilliseconds(500));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("second try", result.Value);
        Assert.Equal([FailureKind.NoResponse, FailureKind.None], result.Attempts.Select(static a => a.Failure));
        Assert.Empty(f.Anthropic.Calls);
    }

    [Fact]
    public async Task Without_the_override_the_same_silent_model_is_not_retried()
    {
        var config = new ConfigurationManager();
        config["Failover:Routes:RetryKindsAi.Answer:MaxAttempts"] = "2";
        config["Failover:Routes:RetryKindsAi.Answer:AttemptTimeout"] = "00:00:03";
        using var f = new EngineFixture(configuration: config);
        f.OpenAI.Hang("gpt-5-mini").Reply("gpt-5-mini", "second try");
        f.Anthropic.Reply("claude-haiku-4-5", "fallback");

        var call = RunAsync(f, Answer);
        await f.OpenAI.WaitForCallsAsync(1);
        f.Time.Advance(TimeSpan.FromSeconds(3));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("fallback", result.Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task NoRetryOn_from_configuration_moves_a_rate_limited_route_on_at_once()
    {
        var config = new ConfigurationManager();
        config["Failover:Routes:TicketAi.Label:MaxAttempts"] = "3";
        config["Failover:Routes:TicketAi.Label:NoRetryOn:0"] = "RateLimited";
        using var f = new EngineFixture(configuration: config);
        f.OpenAI.FailHttp("gpt-5-mini", FailureKind.RateLimited, 429, retryAfter: TimeSpan.FromSeconds(1));
        f.Anthropic.Reply("claude-haiku-4-5", "anthropic");

        // No clock moves: had the 429 been retried, the call would wait on the fake clock and the guard would fail it.
        var result = await RunAsync(f).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("anthropic", result.Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Equal([FailureKind.RateLimited, FailureKind.None], result.Attempts.Select(static a => a.Failure));
    }

    [Theory]
    [InlineData("RetryOn:0=Sometimes;MaxAttempts=2", "Failover:Routes:TicketAi.Label:RetryOn:0 is 'Sometimes', which is not one of None, RateLimited")]
    [InlineData("RetryOn:0=7;MaxAttempts=2", "Failover:Routes:TicketAi.Label:RetryOn:0 is '7', which is not one of")]
    [InlineData("RetryOn=NoResponse;MaxAttempts=2", "Failover:Routes:TicketAi.Label:RetryOn must be a list, not the single value 'NoResponse'")]
    [InlineData("NoRetryOn:Timeout=true", "Failover:Routes:TicketAi.Label:NoRetryOn:Timeout is not a list index")]
    [InlineData("RetryOn:0=Cancelled;MaxAttempts=2", "Failover:Routes:TicketAi.Label:RetryOn:0 is 'Cancelled': a caller's cancellation stops the route and is never retried")]
    [InlineData("NoRetryOn:0=None", "Failover:Routes:TicketAi.Label:NoRetryOn:0 is 'None', which is a success")]
    [InlineData("RetryOn:0=Timeout;RetryOn:1=Timeout;MaxAttempts=2", "Failover:Routes:TicketAi.Label:RetryOn:1 repeats 'Timeout' (Failover:Routes:TicketAi.Label:RetryOn:0)")]
    [InlineData("RetryOn:0=NoResponse;NoRetryOn:0=NoResponse;MaxAttempts=2", "Failover:Routes:TicketAi.Label:RetryOn:0 is 'NoResponse', which Failover:Routes:TicketAi.Label:NoRetryOn:0 also names")]
    [InlineData("RetryOn:0=NoResponse", "Failover:Routes:TicketAi.Label:RetryOn has no effect: route 'TicketAi.Label' tries each model once (its retry rule is 1)")]
    [InlineData("RetryOn:0=NoResponse;MaxAttempts=1", "tries each model once (Failover:Routes:TicketAi.Label:MaxAttempts is 1)")]
    public void A_bad_retry_kind_override_is_a_startup_error_naming_the_key(string settings, string expected)
    {
        var config = new ConfigurationManager();
        foreach (var setting in settings.Split(';'))
        {
            var (key, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            config["Failover:Routes:TicketAi.Label:" + key] = value;
        }

        // Registered as the application's configuration, as a host does: Failover binds its section strictly.
        using var f = new EngineFixture(providers: b => b.Services.AddSingleton<IConfiguration>(config));

        var error = Assert.Throws<FailoverConfigurationException>(() => f.Engine);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_valid_retry_kind_override_starts()
    {
        var config = new ConfigurationManager();
        config["Failover:Routes:TicketAi.Label:MaxAttempts"] = "2";
        config["Failover:Routes:TicketAi.Label:RetryOn:0"] = "noresponse"; // names are read case-insensitively
        config["Failover:Routes:TicketAi.Label:NoRetryOn:0"] = "RateLimited";
        using var f = new EngineFixture(providers: b => b.Services.AddSingleton<IConfiguration>(config));

        f.Engine.Validate(Label);
    }
}

/// <summary>A route with one attempt per model and a fixed 500 ms backoff: configuration decides what is retried.</summary>
public interface IRetryKindsAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "support")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1, BaseDelayMs = 500, Jitter = false)]
    [Prompt("{question}")]
    Task<string> AnswerAsync(string question, CancellationToken cancellationToken = default);
}
