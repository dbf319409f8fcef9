using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>Kill switch and overrides through configuration, against the generated ITicketAi routes.</summary>
public sealed class ConfigurationTests
{
    private static RouteDescriptor Label => FailoverClientRegistry.RoutesOf<ITicketAi>().Single(static r => r.Name == "TicketAi.Label");

    private static Task<RouteResult<string>> RunAsync(EngineFixture f) =>
        f.Engine.RunAsync(Label, [new ChatMessage(ChatRole.User, "hi")], ResponseReaders.Text);

    [Fact]
    public async Task Disabling_a_model_in_configuration_takes_effect_on_the_next_call()
    {
        var config = new ConfigurationManager();
        using var f = new EngineFixture(configuration: config);
        f.OpenAI.Reply("gpt-5-mini", "openai");
        f.Anthropic.Reply("claude-haiku-4-5", "anthropic");
        Assert.Equal("openai", (await RunAsync(f)).Value);

        config["Failover:DisabledModels:0"] = "openai/gpt-5-mini";
        ((IConfigurationRoot)config).Reload();

        var result = await RunAsync(f);
        Assert.Equal("anthropic", result.Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Contains("disabled by configuration", f.Events.Events.Last(static e => e.Kind == RoutingEventKind.Skipped).Reason);

        config["Failover:DisabledModels:0"] = null;
        ((IConfigurationRoot)config).Reload();
        Assert.Equal("openai", (await RunAsync(f)).Value);
    }

    [Fact]
    public async Task A_route_chain_and_max_attempts_can_be_overridden()
    {
        var config = new ConfigurationManager();
        config["Failover:Routes:TicketAi.Label:Chain:0"] = "google/gemini-2.5-flash";
        config["Failover:Routes:TicketAi.Label:Chain:1"] = "openai/gpt-5-mini";
        config["Failover:Routes:TicketAi.Label:MaxAttempts"] = "2";
        using var f = new EngineFixture(configuration: config);
        f.Google.FailHttp("gemini-2.5-flash", FailureKind.ServerError, 500);
        f.OpenAI.Reply("gpt-5-mini", "openai");

        var call = RunAsync(f);
        await FailurePolicyTableTests.WaitForCallsAsync(f.Google, 1);
        await f.Time.WaitForArmedAsync(static due => due > TimeSpan.Zero && due <= TimeSpan.FromSeconds(5)); // the backoff
        f.Time.Advance(TimeSpan.FromSeconds(5));
        await FailurePolicyTableTests.WaitForCallsAsync(f.Google, 2);
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("openai", result.Value);
        Assert.Equal(["google/gemini-2.5-flash", "google/gemini-2.5-flash", "openai/gpt-5-mini"], result.Attempts.Select(static a => a.Model.Id));
        Assert.Empty(f.Anthropic.Calls);
    }

    [Fact]
    public async Task An_invalid_runtime_change_is_rejected_and_logged_and_the_last_good_configuration_stays()
    {
        var config = new ConfigurationManager();
        config["Failover:DisabledModels:0"] = "openai/gpt-5-mini";
        var logs = new FakeLoggerProvider();
        using var f = new EngineFixture(configuration: config, providers: b => b.Services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs])));
        f.Anthropic.Reply("claude-haiku-4-5", "anthropic");
        Assert.Equal("anthropic", (await RunAsync(f)).Value);

        config["Failover:DisabledModels:0"] = null;
        config["Failover:DisabledModels:1"] = "openai/gpt-does-not-exist";
        ((IConfigurationRoot)config).Reload();

        Assert.Equal("anthropic", (await RunAsync(f)).Value);
        Assert.Empty(f.OpenAI.Calls);
        var rejected = Assert.Single(logs.Collector.GetSnapshot(), static r => r.Level == LogLevel.Error);
        Assert.Contains("Failover:DisabledModels:1 names model 'openai/gpt-does-not-exist'", rejected.Message);
    }

    [Theory]
    [InlineData("Failover:DisabledModels:0", "openai/gpt-4-turbo-typo", "Failover:DisabledModels:0 names model 'openai/gpt-4-turbo-typo'")]
    [InlineData("Failover:Routes:TicketAi.Lable:MaxAttempts", "2", "Failover:Routes:TicketAi.Lable names no registered route")]
    [InlineData("Failover:Routes:TicketAi.Label:Chain:0", "mistral/nope", "Failover:Routes:TicketAi.Label:Chain:0 names model 'mistral/nope'")]
    [InlineData("Failover:DisabledProviders:0", "acme", "Failover:DisabledProviders:0 names provider 'acme'")]
    public void Invalid_startup_configuration_throws_naming_the_key(string key, string value, string message)
    {
        var config = new ConfigurationManager();
        config[key] = value;
        using var f = new EngineFixture(configuration: config);

        var error = Assert.Throws<FailoverConfigurationException>(() => f.Engine);

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Configuration_that_leaves_a_route_with_no_model_is_rejected_at_startup()
    {
        var config = new ConfigurationManager();
        config["Failover:DisabledProviders:0"] = "anthropic";
        config["Failover:DisabledProviders:1"] = "openai";
        using var f = new EngineFixture(configuration: config);

        var error = Assert.Throws<FailoverConfigurationException>(() => f.Engine);

        Assert.Contains("leaves route 'TicketAi.Continue' with no model it may call", error.Message);
    }

    [Fact]
    public async Task A_runtime_chain_may_name_any_model_of_a_registered_provider_and_override_the_limits()
    {
        var config = new ConfigurationManager();
        config["Failover:Routes:TicketAi.Label:Chain:0"] = "anthropic/claude-model-no-route-names";
        config["Failover:Routes:TicketAi.Label:AttemptTimeout"] = "00:00:03";
        using var f = new EngineFixture(configuration: config);
        f.Anthropic.Hang("claude-model-no-route-names");

        var call = RunAsync(f);
        await FailurePolicyTableTests.WaitForCallsAsync(f.Anthropic, 1);
        f.Time.Advance(TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAsync<FailoverException>(() => call);

        Assert.Equal(FailureKind.NoResponse, Assert.Single(error.Attempts).Failure);
        Assert.Contains("attempt timeout of 3000 ms", error.Attempts[0].Message);
    }

    [Theory]
    [InlineData("Chain:0", "anthropc/claude-haiku-4-5", "no provider named 'anthropc' is registered")]
    [InlineData("Chain:0", "claude-haiku-4-5", "not of the form 'provider/model'")]
    [InlineData("StallTimeout", "-00:00:01", "StallTimeout is -00:00:01; ")]
    [InlineData("FirstTokenTimeout", "00:00:00", "FirstTokenTimeout is 00:00:00; ")]
    public void A_provider_typo_or_an_out_of_range_limit_in_a_runtime_override_is_a_startup_error(string key, string value, string expected)
    {
        var config = new ConfigurationManager();
        config["Failover:Routes:TicketAi.Label:" + key] = value;
        using var f = new EngineFixture(configuration: config);

        var error = Assert.Throws<FailoverConfigurationException>(() => f.Engine);
        Assert.Contains(expected, error.Message);
        Assert.Contains("Failover:Routes:TicketAi.Label:" + key.Split(':')[0], error.Message);
    }
}
