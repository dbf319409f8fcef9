using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>
/// Every time value and count in configuration is held to the range Polly accepts (the table FO008 uses), at startup
/// and on reload, and the message names the key and the range: a value Polly would refuse never reaches a call.
/// </summary>
public sealed class RangeValidationTests
{
    private static RouteDescriptor Label => FailoverClientRegistry.RoutesOf<ITicketAi>().Single(static r => r.Name == "TicketAi.Label");

    [Theory]
    [InlineData("Failover:DefaultAttemptTimeout", "00:00:00.005", "Failover:DefaultAttemptTimeout is 00:00:00.0050000; a timeout must be 00:00:00.0100000 to 1.00:00:00 (10 ms to 24 h)")]
    [InlineData("Failover:DefaultAttemptTimeout", "2.00:00:00", "Failover:DefaultAttemptTimeout is 2.00:00:00; a timeout must be 00:00:00.0100000 to 1.00:00:00")]
    [InlineData("Failover:DefaultAttemptTimeout", "00:00:00", "Failover:DefaultAttemptTimeout is 00:00:00; a timeout must be")]
    [InlineData("Failover:DefaultTotalTimeout", "2.00:00:00", "Failover:DefaultTotalTimeout is 2.00:00:00; a timeout must be 00:00:00.0100000 to 1.00:00:00 (10 ms to 24 h), or 00:00:00 for no total timeout")]
    [InlineData("Failover:DefaultTotalTimeout", "-00:00:01", "Failover:DefaultTotalTimeout is -00:00:01")]
    [InlineData("Failover:Health:BreakDuration", "00:00:00", "Failover:Health:BreakDuration is 00:00:00; a break duration must be")]
    [InlineData("Failover:Health:GoneCooldown", "3.00:00:00", "Failover:Health:GoneCooldown is 3.00:00:00; a cooldown must be 00:00:00 to 1.00:00:00")]
    [InlineData("Failover:Health:RateLimitCooldown", "-00:00:01", "Failover:Health:RateLimitCooldown is -00:00:01")]
    [InlineData("Failover:Health:AuthCooldown", "10675199.00:00:00", "Failover:Health:AuthCooldown is 10675199.00:00:00")]
    [InlineData("Failover:Health:FailureThreshold", "0", "Failover:Health:FailureThreshold is 0; a failure threshold must be 1 to 2147483647")]
    [InlineData("Failover:Health:ProviderFailureThreshold", "-3", "Failover:Health:ProviderFailureThreshold is -3")]
    [InlineData("Failover:Routes:TicketAi.Label:MaxAttempts", "0", "Failover:Routes:TicketAi.Label:MaxAttempts is 0; an attempt count (the first attempt included; more only delays the fallback) must be 1 to 10")]
    [InlineData("Failover:Routes:TicketAi.Label:MaxAttempts", "2147483647", "Failover:Routes:TicketAi.Label:MaxAttempts is 2147483647")]
    public void An_out_of_range_value_fails_startup_naming_the_key_and_the_range(string key, string value, string message)
    {
        var config = new ConfigurationManager();
        config[key] = value;
        using var f = new EngineFixture(configuration: config);

        var error = Assert.Throws<FailoverConfigurationException>(() => f.Engine);

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("Failover:DefaultAttemptTimeout", "00:00:00.010")]
    [InlineData("Failover:DefaultAttemptTimeout", "1.00:00:00")]
    [InlineData("Failover:DefaultTotalTimeout", "00:00:00")]
    [InlineData("Failover:Health:RateLimitCooldown", "00:00:00")]
    [InlineData("Failover:Routes:TicketAi.Label:MaxAttempts", "10")]
    public void The_bounds_themselves_are_accepted(string key, string value)
    {
        var config = new ConfigurationManager();
        config[key] = value;
        using var f = new EngineFixture(configuration: config);

        Assert.NotNull(f.Engine);
    }

    [Fact]
    public async Task A_reload_with_an_out_of_range_value_is_rejected_as_a_whole_and_logged_with_the_key()
    {
        var config = new ConfigurationManager();
        var logs = new FakeLoggerProvider();
        using var f = new EngineFixture(configuration: config, providers: b => b.Services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs])));
        f.OpenAI.Reply("gpt-5-mini", "openai");
        f.OpenAI.Reply("gpt-5-mini", "openai");
        Assert.Equal("openai", (await RunAsync(f)).Value);

        // The valid half of the change (the kill switch) must not apply either.
        config["Failover:DisabledModels:0"] = "openai/gpt-5-mini";
        config["Failover:DefaultAttemptTimeout"] = "2.00:00:00";
        ((IConfigurationRoot)config).Reload();

        Assert.Equal("openai", (await RunAsync(f)).Value);
        var rejected = Assert.Single(logs.Collector.GetSnapshot(), static r => r.Level == LogLevel.Error);
        Assert.Contains("Failover:DefaultAttemptTimeout is 2.00:00:00; a timeout must be 00:00:00.0100000 to 1.00:00:00", rejected.Message);
        Assert.DoesNotContain(logs.Collector.GetSnapshot(), static r => r.Message.Contains("change applied", StringComparison.Ordinal));
    }

    [Fact]
    public void A_route_built_at_run_time_with_a_timeout_Polly_refuses_fails_startup_naming_the_route()
    {
        var route = new RouteDescriptor { Name = "Runtime.Route", Interface = "IRuntime", Method = "Run", Primary = Label.Primary, AttemptTimeout = TimeSpan.FromMilliseconds(5) };
        var problems = FailoverOptionsValidator.Validate(new FailoverOptions(), new Dictionary<string, RouteDescriptor> { [route.Name] = route });

        Assert.Contains(problems, static p => p.Contains("route 'Runtime.Route' AttemptTimeout is 00:00:00.0050000; a timeout must be 00:00:00.0100000 to 1.00:00:00", StringComparison.Ordinal));
    }

    private static Task<RouteResult<string>> RunAsync(EngineFixture f) =>
        f.Engine.RunAsync(Label, [new ChatMessage(ChatRole.User, "hi")], ResponseReaders.Text);
}
