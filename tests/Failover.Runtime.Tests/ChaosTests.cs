using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>Game days: Failover:Chaos rules injected through Polly's chaos strategies, on a fake clock.</summary>
public sealed class ChaosTests
{
    private static readonly ChatMessage[] s_hello = [new(ChatRole.User, "hello")];

    private static FailoverChaosOptions Chaos(int? seed, params ChaosRule[] rules)
    {
        var chaos = new FailoverChaosOptions { Enabled = true, Seed = seed };
        foreach (var rule in rules)
        {
            chaos.Rules.Add(rule);
        }

        return chaos;
    }

    private static async Task<List<string>> CallManyAsync(IChatClient client, string model, int count)
    {
        var outcomes = new List<string>(count);
        var options = new ChatOptions { ModelId = model };
        for (var i = 0; i < count; i++)
        {
            try
            {
                var response = await client.GetResponseAsync(s_hello, options);
                outcomes.Add(ChaosMarker.IsInjected(response) ? "invalid-json" : "ok");
            }
            catch (ProviderException error)
            {
                Assert.True(ChaosMarker.IsInjected(error));
                outcomes.Add($"{error.StatusCode} {error.Kind} {error.RetryAfter?.TotalSeconds}");
            }
        }

        return outcomes;
    }

    [Fact]
    public async Task Injection_rates_are_honoured_within_bounds_over_10000_calls_and_a_fixed_seed_repeats_exactly()
    {
        var provider = new ScriptedChatClient().Reply("gpt-5-mini", "fine").Reply("claude-haiku-4-5", "fine").Reply("gemini-2.5-flash", "{}");
        var time = new FakeTimeProvider();
        var chaos = Chaos(
            1234,
            new ChaosRule { Model = "openai/gpt-5-mini", Fault = ChaosFault.RateLimited, InjectionRate = 0.10, RetryAfter = TimeSpan.FromSeconds(2) },
            new ChaosRule { Model = "anthropic/*", Fault = ChaosFault.ServiceUnavailable, InjectionRate = 0.25 },
            new ChaosRule { Model = "google/gemini-2.5-flash", Fault = ChaosFault.InvalidJson, InjectionRate = 0.02 });

        var openai = await CallManyAsync(ChaosChatClient.Wrap(provider, new ModelTarget("openai/gpt-5-mini"), chaos, time), "gpt-5-mini", 10_000);
        var anthropic = await CallManyAsync(ChaosChatClient.Wrap(provider, new ModelTarget("anthropic/claude-haiku-4-5"), chaos, time), "claude-haiku-4-5", 10_000);
        var google = await CallManyAsync(ChaosChatClient.Wrap(provider, new ModelTarget("google/gemini-2.5-flash"), chaos, time), "gemini-2.5-flash", 10_000);

        // Binomial bounds of about 3.5 standard deviations: a broken rate (0, 1, or another rule's) falls far outside.
        Assert.InRange(openai.Count(static o => o == "429 RateLimited 2"), 895, 1105);
        Assert.InRange(anthropic.Count(static o => o == "503 Overloaded "), 2350, 2650);
        Assert.InRange(google.Count(static o => o == "invalid-json"), 150, 250);
        Assert.Equal(10_000, openai.Count(static o => o is "ok" or "429 RateLimited 2"));

        // Injected calls never reach the provider.
        Assert.Equal(10_000 - openai.Count(static o => o != "ok"), provider.CallsTo("gpt-5-mini"));

        // The same seed gives the same game day; another seed a different one.
        var again = await CallManyAsync(ChaosChatClient.Wrap(provider, new ModelTarget("openai/gpt-5-mini"), chaos, time), "gpt-5-mini", 10_000);
        Assert.Equal(openai, again);
        chaos.Seed = 99;
        var other = await CallManyAsync(ChaosChatClient.Wrap(provider, new ModelTarget("openai/gpt-5-mini"), chaos, time), "gpt-5-mini", 10_000);
        Assert.NotEqual(openai, other);
    }

    [Fact]
    public void Chaos_that_is_off_or_matches_no_rule_adds_nothing_around_the_provider()
    {
        var provider = new ScriptedChatClient();
        var rule = new ChaosRule { Model = "openai/gpt-5-mini", Fault = ChaosFault.RateLimited, InjectionRate = 1 };

        Assert.Same(provider, ChaosChatClient.Wrap(provider, new ModelTarget("openai/gpt-5-mini"), new FailoverChaosOptions { Rules = { rule } }, TimeProvider.System));
        Assert.Same(provider, ChaosChatClient.Wrap(provider, new ModelTarget("openai/gpt-5"), Chaos(null, rule), TimeProvider.System));
        Assert.IsType<ChaosChatClient>(ChaosChatClient.Wrap(provider, new ModelTarget("openai/gpt-5-mini"), Chaos(null, rule), TimeProvider.System));
        Assert.False(new FailoverOptions().Chaos.Enabled);
    }

    [Fact]
    public async Task Chaos_is_switched_on_and_off_at_run_time_through_configuration()
    {
        var config = new ConfigurationManager();
        config["Failover:Chaos:Rules:0:Model"] = "openai/gpt-5-mini";
        config["Failover:Chaos:Rules:0:Fault"] = "ServiceUnavailable";
        config["Failover:Chaos:Rules:0:InjectionRate"] = "1";
        using var f = new EngineFixture(configuration: config);
        f.OpenAI.Reply("gpt-5-mini", "openai");
        f.Anthropic.Reply("claude-haiku-4-5", "anthropic");
        var route = EngineFixture.Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");

        Assert.Equal("openai", (await f.RunAsync(route)).Value);

        config["Failover:Chaos:Enabled"] = "true";
        ((IConfigurationRoot)config).Reload();
        var during = await f.RunAsync(route);
        Assert.Equal("anthropic", during.Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        var injected = f.Events.Events.Single(static e => e.Kind == RoutingEventKind.Attempt && e.Failure != FailureKind.None);
        Assert.True(injected.Injected);
        Assert.Equal((FailureKind.Overloaded, 503), (injected.Failure, injected.StatusCode));

        config["Failover:Chaos:Enabled"] = "false";
        ((IConfigurationRoot)config).Reload();
        Assert.Equal("openai", (await f.RunAsync(route)).Value);
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task Injected_failures_are_marked_in_routing_events_logs_and_metrics_and_real_failures_are_not()
    {
        using var f = new EngineFixture(
            configure: static o => o.Chaos = Chaos(null, new ChaosRule { Model = "openai/gpt-5-mini", Fault = ChaosFault.RateLimited, InjectionRate = 1, RetryAfter = TimeSpan.FromMinutes(5) }),
            providers: static b =>
            {
                b.Services.AddLogging(static l => l.SetMinimumLevel(LogLevel.Trace));
                b.Services.AddFakeLogging();
                b.Services.AddMetrics();
            });
        f.Anthropic.FailHttp("claude-haiku-4-5", FailureKind.Overloaded, 529, "overloaded_error");
        f.Google.Reply("gemini-2.5-flash", "google");
        using var failures = new MetricCollector<long>(f.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), FailoverTelemetry.MeterName, "failover.failures");

        var result = await f.RunAsync(EngineFixture.Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"));

        Assert.Equal("google", result.Value);
        var attempts = f.Events.Events.Where(static e => e.Kind == RoutingEventKind.Attempt).Select(static e => $"{e.Model!.Id} {e.Failure} injected={e.Injected}");
        Assert.Equal(["openai/gpt-5-mini RateLimited injected=True", "anthropic/claude-haiku-4-5 Overloaded injected=False", "google/gemini-2.5-flash None injected=False"], attempts);

        var logs = f.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var injectedLog = Assert.Single(logs, static r => r.Id.Id == FailoverLogEvents.AttemptFailedInjected);
        Assert.Contains("openai/gpt-5-mini failed: RateLimited INJECTED by Failover:Chaos", injectedLog.Message);
        var realLog = Assert.Single(logs, static r => r.Id.Id == FailoverLogEvents.AttemptFailed);
        Assert.Contains("claude-haiku-4-5", realLog.Message);

        var points = failures.GetMeasurementSnapshot();
        Assert.Equal(2, points.Count);
        Assert.True(points.Single(static p => (string?)p.Tags["gen_ai.request.model"] == "gpt-5-mini").Tags.TryGetValue("failover.chaos.injected", out var tag) && tag is true);
        Assert.False(points.Single(static p => (string?)p.Tags["gen_ai.request.model"] == "claude-haiku-4-5").Tags.ContainsKey("failover.chaos.injected"));
    }

    [Fact]
    public async Task An_injected_timeout_fires_the_attempt_timeout_on_the_fake_clock_and_the_route_falls_back()
    {
        using var f = new EngineFixture(configure: static o => o.Chaos = Chaos(null, new ChaosRule { Model = "openai/gpt-5-mini", Fault = ChaosFault.Timeout, InjectionRate = 1 }));
        f.OpenAI.Reply("gpt-5-mini", "openai");
        f.Anthropic.Reply("claude-haiku-4-5", "anthropic");
        var route = EngineFixture.Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5");
        route = new RouteDescriptor { Name = route.Name, Interface = route.Interface, Method = route.Method, Primary = route.Primary, Fallbacks = route.Fallbacks, AttemptTimeout = TimeSpan.FromSeconds(5) };

        var call = f.RunAsync(route);
        Assert.False(call.IsCompleted);

        // The injected delay is 10 minutes, so only the 5 s attempt limit can end the attempt: advance once it is armed (an
        // Advance before the timer exists would leave the call waiting forever).
        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(5));
        f.Time.Advance(TimeSpan.FromSeconds(5));
        await call.WaitAsync(TimeSpan.FromSeconds(30));
        var result = await call;

        Assert.Equal("anthropic", result.Value);
        var timeout = f.Events.Events.First(static e => e.Kind == RoutingEventKind.Attempt);
        Assert.Equal(FailureKind.NoResponse, timeout.Failure); // an attempt timeout with no content: the silent-model kind
        Assert.True(timeout.Injected);
        Assert.Empty(f.OpenAI.Calls);
    }

    [Fact]
    public async Task Injected_invalid_json_fails_a_structured_read_as_an_injected_invalid_response()
    {
        using var f = new EngineFixture(configure: static o => o.Chaos = Chaos(null, new ChaosRule { Model = "openai/gpt-5-mini", Fault = ChaosFault.InvalidJson, InjectionRate = 1 }));
        f.Anthropic.Reply("claude-haiku-4-5", """{"label":"bug"}""");

        var result = await f.Engine.RunAsync(EngineFixture.Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), s_hello, static r => JsonDocument.Parse(r.Text).RootElement.GetProperty("label").GetString());

        Assert.Equal("bug", result.Value);
        var invalid = f.Events.Events.First(static e => e.Kind == RoutingEventKind.Attempt);
        Assert.Equal((FailureKind.InvalidResponse, true), (invalid.Failure, invalid.Injected));
    }

    [Fact]
    public async Task An_injected_stream_cut_breaks_the_stream_after_n_chunks_and_a_stall_holds_it_on_the_fake_clock()
    {
        var time = new ObservedTime();
        var provider = new ScriptedChatClient().Stream("gpt-5-mini", static token => Chunks(5, token));
        var options = new ChatOptions { ModelId = "gpt-5-mini" };

        var cut = ChaosChatClient.Wrap(provider, new ModelTarget("openai/gpt-5-mini"), Chaos(null, new ChaosRule { Model = "*", Fault = ChaosFault.StreamCut, InjectionRate = 1, AfterChunks = 2 }), time);
        var received = new List<string>();
        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in cut.GetStreamingResponseAsync(s_hello, options))
            {
                received.Add(update.Text);
            }
        });
        Assert.Equal(["0", "1"], received);
        Assert.Equal(FailureKind.StreamInterrupted, error.Kind);
        Assert.True(FailureClassifier.Classify(error, CancellationToken.None).Injected);

        var stall = ChaosChatClient.Wrap(provider, new ModelTarget("openai/gpt-5-mini"), Chaos(null, new ChaosRule { Model = "*", Fault = ChaosFault.Stall, InjectionRate = 1, AfterChunks = 1, Latency = TimeSpan.FromSeconds(30) }), time);
        await using var chunks = stall.GetStreamingResponseAsync(s_hello, options).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());
        var next = chunks.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);

        // The stall is a 30 s delay on the fake clock: once it is armed, a moment less holds the chunk and the rest lets it go.
        await time.WaitForArmedAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted, "the stall ended before its 30 s");
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("1", chunks.Current.Text);
    }

    [Theory]
    [InlineData("InjectionRate", "1.5", "Failover:Chaos:Rules:0:InjectionRate must be between 0 and 1")]
    [InlineData("Model", "openai/gpt-5-mini-typo", "Failover:Chaos:Rules:0:Model 'openai/gpt-5-mini-typo' matches no model")]
    [InlineData("AfterChunks", "-1", "Failover:Chaos:Rules:0:AfterChunks may not be negative")]
    public void A_malformed_chaos_section_is_rejected_at_startup_naming_the_key(string key, string value, string message)
    {
        var config = new ConfigurationManager();
        config["Failover:Chaos:Enabled"] = "true";
        config["Failover:Chaos:Rules:0:Model"] = "openai/gpt-5-mini";
        config["Failover:Chaos:Rules:0:Fault"] = "RateLimited";
        config["Failover:Chaos:Rules:0:InjectionRate"] = "0.1";
        config[$"Failover:Chaos:Rules:0:{key}"] = value;
        using var f = new EngineFixture(configuration: config);

        var error = Assert.Throws<FailoverConfigurationException>(() => f.Engine);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Chunks(int count, [EnumeratorCancellation] CancellationToken token)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            token.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
