using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>A route whose canary is promoted from configuration.</summary>
public interface IPromotionAi
{
    [ModelRoute("openai/gpt-5-mini", Name = "promotion.reply", Owner = "tests")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Canary("google/gemini-2.5-flash", Percent = 5)]
    [Retry(MaxAttempts = 1)]
    [Prompt("Reply to {text}")]
    Task<string> ReplyAsync(string text, [CanaryKey] string customer);
}

/// <summary>
/// <c>Failover:Routes:{route}:CanaryPercent</c>: the canary's share changed at run time by an IOptionsMonitor reload,
/// honoured within bounds over thousands of keyed calls (the key decides deterministically, so the counts are fixed).
/// </summary>
public sealed class CanaryShareConfigurationTests
{
    private const string Key = "Failover:Routes:promotion.reply:CanaryPercent";
    private const int Calls = 5_000;

    private static async Task<int> CanaryCallsAsync(EngineFixture f, int round)
    {
        var client = f.Services.GetRequiredService<IPromotionAi>();
        var canary = 0;
        for (var i = 0; i < Calls; i++)
        {
            if (await client.ReplyAsync("hi", $"customer-{round}-{i}") == "canary")
            {
                canary++;
            }
        }

        return canary;
    }

    private static EngineFixture Start(ConfigurationManager config, FakeLoggerProvider? logs = null)
    {
        var f = new EngineFixture(configuration: config, providers: b =>
        {
            b.AddFailoverClient<IPromotionAi>();
            if (logs is not null)
            {
                b.Services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
            }
        });
        f.OpenAI.Reply("gpt-5-mini", "stable");
        f.Google.Reply("gemini-2.5-flash", "canary");
        return f;
    }

    [Fact]
    public async Task The_share_follows_configuration_reloads_on_the_next_call_and_zero_turns_the_canary_off()
    {
        var config = new ConfigurationManager();
        using var f = Start(config);

        // Compiled: 5 %.
        Assert.InRange(await CanaryCallsAsync(f, 0), Calls * 0.035, Calls * 0.065);

        config[Key] = "40";
        ((IConfigurationRoot)config).Reload();
        Assert.InRange(await CanaryCallsAsync(f, 1), Calls * 0.37, Calls * 0.43);

        config[Key] = "100";
        ((IConfigurationRoot)config).Reload();
        Assert.Equal(Calls, await CanaryCallsAsync(f, 2));

        config[Key] = "0";
        ((IConfigurationRoot)config).Reload();
        Assert.Equal(0, await CanaryCallsAsync(f, 3));

        // Removing the key restores the compiled share.
        config[Key] = null;
        ((IConfigurationRoot)config).Reload();
        Assert.InRange(await CanaryCallsAsync(f, 4), Calls * 0.035, Calls * 0.065);
    }

    [Theory]
    [InlineData("Failover:Routes:promotion.reply:CanaryPercent", "101", "Failover:Routes:promotion.reply:CanaryPercent is 101; use a share from 0 (canary off) to 100 percent.")]
    [InlineData("Failover:Routes:promotion.reply:CanaryPercent", "-5", "Failover:Routes:promotion.reply:CanaryPercent is -5; use a share from 0 (canary off) to 100 percent.")]
    [InlineData("Failover:Routes:TicketAi.Label:CanaryPercent", "10", "Failover:Routes:TicketAi.Label:CanaryPercent is set, but route 'TicketAi.Label' declares no canary; add [Canary(\"provider/model\")]")]
    public void An_invalid_share_is_rejected_at_startup_naming_the_key(string key, string value, string message)
    {
        var config = new ConfigurationManager();
        config[key] = value;
        using var f = Start(config);

        var error = Assert.Throws<FailoverConfigurationException>(() => f.Engine);

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task An_invalid_share_at_run_time_is_rejected_and_logged_and_the_last_good_share_stays()
    {
        var config = new ConfigurationManager();
        config[Key] = "100";
        var logs = new FakeLoggerProvider();
        using var f = Start(config, logs);
        var client = f.Services.GetRequiredService<IPromotionAi>();
        Assert.Equal("canary", await client.ReplyAsync("hi", "customer-1"));

        config[Key] = "250";
        ((IConfigurationRoot)config).Reload();

        Assert.Equal("canary", await client.ReplyAsync("hi", "customer-2"));
        var rejected = Assert.Single(logs.Collector.GetSnapshot(), static r => r.Level == LogLevel.Error);
        Assert.Contains("Failover:Routes:promotion.reply:CanaryPercent is 250", rejected.Message);
    }
}
