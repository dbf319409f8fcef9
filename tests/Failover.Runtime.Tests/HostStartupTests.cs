using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>
/// The registration the README shows, in a generic host: the Failover section is bound without any BindConfiguration call,
/// bad configuration and unreachable routes stop the host from starting (before other hosted services start), and a bad
/// reload is logged while the last good snapshot stays whole.
/// </summary>
public sealed class HostStartupTests
{
    private readonly ScriptedChatClient _openAI = new();
    private readonly ScriptedChatClient _anthropic = new();
    private readonly ScriptedChatClient _google = new();

    private HostApplicationBuilder Builder(Dictionary<string, string?> settings, bool google = true)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<ProbeService>();
        builder.Services.AddHostedService(static sp => sp.GetRequiredService<ProbeService>());
        builder.Services.AddFailover(f =>
        {
            f.AddProvider("openai", _openAI).AddProvider("anthropic", _anthropic);
            if (google)
            {
                f.AddProvider("google", _google);
            }
        }).AddFailoverClient<ITicketAi>();
        return builder;
    }

    [Fact]
    public async Task The_Failover_section_takes_effect_without_BindConfiguration()
    {
        using var host = Builder(new() { ["Failover:DisabledModels:0"] = "openai/gpt-5-mini" }).Build();
        await host.StartAsync();
        _anthropic.Reply("claude-haiku-4-5", "anthropic");

        var label = await host.Services.GetRequiredService<ITicketAi>().LabelAsync("refund", 7);

        Assert.Equal("anthropic", label);
        Assert.Empty(_openAI.Calls);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Failover:DisabledModel:0", "openai/gpt-5-mini", "Failover:DisabledModel is not a Failover setting (did you mean DisabledModels?)")]
    [InlineData("Failover:Routes:TicketAi.Label:Chian:0", "google/gemini-2.5-flash", "Failover:Routes:TicketAi.Label:Chian is not a Failover setting (did you mean Chain?)")]
    [InlineData("Failover:DisabledModels", "openai/gpt-5-mini", "Failover:DisabledModels must be a list, not the single value 'openai/gpt-5-mini'")]
    [InlineData("Failover:Routes:TicketAi.Label:MaxAttempts", "abc", "Failover:Routes:TicketAi.Label:MaxAttempts is 'abc', which is not a whole number")]
    [InlineData("Failover:Routes:promotion.reply:CanaryPercent", "ten", "Failover:Routes:promotion.reply:CanaryPercent is 'ten', which is not a number")]
    [InlineData("Failover:LogContent", "yes", "Failover:LogContent is 'yes', which is not true or false")]
    [InlineData("Failover:Health", "off", "Failover:Health must be a section of settings, not the value 'off'")]
    [InlineData("Failover:DisabledModels:0", "openai/gpt-4-turbo-typo", "Failover:DisabledModels:0 names model 'openai/gpt-4-turbo-typo'")]
    public async Task Bad_configuration_stops_the_host_naming_the_key(string key, string value, string message)
    {
        using var host = Builder(new() { [key] = value }).Build();

        var error = await Assert.ThrowsAsync<FailoverConfigurationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message);
        Assert.False(host.Services.GetRequiredService<ProbeService>().Started);
    }

    [Fact]
    public async Task A_route_whose_provider_is_not_registered_stops_the_host_before_other_services_start()
    {
        using var host = Builder([], google: false).Build();

        var error = await Assert.ThrowsAsync<FailoverConfigurationException>(() => host.StartAsync());

        Assert.Contains("Route 'TicketAi.Label' uses model 'google/gemini-2.5-flash', but no provider named 'google' is registered", error.Message);
        Assert.False(host.Services.GetRequiredService<ProbeService>().Started);
    }

    [Fact]
    public async Task A_provider_without_a_key_stops_the_host_with_the_provider_s_message()
    {
        var builder = Builder([]);
        builder.Services.AddFailover(f => f.AddOpenAI(" "));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<FailoverConfigurationException>(() => host.StartAsync());

        Assert.Contains("provider 'openai' cannot be used: no API key", error.Message);
    }

    [Fact]
    public void Without_a_host_the_same_errors_come_when_the_client_is_first_resolved()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Failover:Chian:0"] = "x" }).Build());
        services.AddFailover(f => f.AddProvider("openai", _openAI).AddProvider("anthropic", _anthropic).AddProvider("google", _google)).AddFailoverClient<ITicketAi>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<FailoverConfigurationException>(() => provider.GetRequiredService<ITicketAi>());

        Assert.Contains("Failover:Chian is not a Failover setting. Settings here: DefaultAttemptTimeout,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_one_line_overload_binds_the_section_it_is_given()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ai:Failover:LogContent"] = "true" }).Build();
        var services = new ServiceCollection();
        services.AddFailover(configuration.GetSection("Ai:Failover"), f => f.AddProvider("openai", _openAI));
        using var provider = services.BuildServiceProvider();

        Assert.True(provider.GetRequiredService<IOptionsMonitor<FailoverOptions>>().CurrentValue.LogContent);
        Assert.True(provider.GetRequiredService<IOptions<FailoverOptions>>().Value.LogContent);
    }

    [Theory]
    [InlineData("Failover:DisabledModels:0", "openai/gpt-does-not-exist", "Failover:DisabledModels:0 names model 'openai/gpt-does-not-exist'")]
    [InlineData("Failover:Chian:0", "openai/gpt-5-mini", "Failover:Chian is not a Failover setting")]
    [InlineData("Failover:DisabledModels", "openai/gpt-5-mini", "Failover:DisabledModels must be a list")]
    [InlineData("Failover:Health:FailureThreshold", "abc", "Failover:Health:FailureThreshold is 'abc', which is not a whole number")]
    public async Task A_rejected_reload_is_logged_and_no_part_of_it_applies(string key, string value, string message)
    {
        var logs = new FakeLoggerProvider();
        var settings = new ReplaceableSettings(new() { ["Failover:Health:FailureThreshold"] = "5" });
        var builder = Builder([]);
        ((IConfigurationBuilder)builder.Configuration).Add(settings);
        builder.Logging.AddProvider(logs);
        using var host = builder.Build();
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<FailoverOptions>>();
        var before = monitor.CurrentValue;

        // The rejected change also turns content logging on and changes a health threshold: neither may leak through.
        settings.Replace(new() { ["Failover:LogContent"] = "true", ["Failover:Health:FailureThreshold"] = "2", [key] = value });

        Assert.Same(before, monitor.CurrentValue);
        Assert.False(monitor.CurrentValue.LogContent);
        Assert.Equal(5, monitor.CurrentValue.Health.FailureThreshold);
        Assert.Same(before, host.Services.GetRequiredService<IOptions<FailoverOptions>>().Value);
        var rejected = Assert.Single(logs.Collector.GetSnapshot(), static r => r.Id.Id == FailoverLogEvents.ConfigurationRejected);
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains(message, rejected.Message);

        // The change corrected applies whole.
        settings.Replace(new() { ["Failover:LogContent"] = "true", ["Failover:Health:FailureThreshold"] = "2" });
        Assert.True(monitor.CurrentValue.LogContent);
        Assert.Equal(2, monitor.CurrentValue.Health.FailureThreshold);
        Assert.Single(logs.Collector.GetSnapshot(), static r => r.Id.Id == FailoverLogEvents.ConfigurationApplied);
        await host.StopAsync();
    }

    /// <summary>Configuration whose whole content is replaced, as a reloaded appsettings.json file replaces it.</summary>
    private sealed class ReplaceableSettings(Dictionary<string, string?> initial) : ConfigurationProvider, IConfigurationSource
    {
        public override void Load() => Data = new Dictionary<string, string?>(initial, StringComparer.OrdinalIgnoreCase);

        public void Replace(Dictionary<string, string?> settings)
        {
            Data = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
            OnReload();
        }

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
    }

    /// <summary>Stands for the web server: a hosted service registered before Failover's checks.</summary>
    private sealed class ProbeService : IHostedService
    {
        public bool Started { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
