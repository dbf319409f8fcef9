using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

/// <summary>
/// The engine remembers a skip verdict on the route's slot and skips the model again without asking the store, until
/// the store announces a change (<see cref="IRouteHealthChanges.Version"/>) or the verdict's end comes. Each test
/// first shows that the memo is in use (the store is not asked), then that one kind of change ends it at once: without
/// that invalidation the model would still be skipped and the test would fail. All on the fake clock.
/// </summary>
public sealed class RememberedSkipTests
{
    private const string Dead = "openai/gpt-5-mini";
    private const string Backup = "anthropic/claude-haiku-4-5";

    private static EngineFixture Fixture(Action<FailoverOptions>? configure = null, IConfiguration? configuration = null, Func<IRouteHealthStore, IRouteHealthStore>? wrap = null) =>
        new(
            o =>
            {
                o.Health.FailureThreshold = 1;
                o.Health.BreakDuration = TimeSpan.FromSeconds(30);
                configure?.Invoke(o);
            },
            b => b.Services.AddSingleton<IRouteHealthStore>(sp =>
            {
                var store = new CountingStore(new InMemoryRouteHealthStore(sp.GetRequiredService<IOptionsMonitor<FailoverOptions>>(), sp.GetRequiredService<TimeProvider>()));
                return wrap?.Invoke(store) ?? store;
            }),
            configuration);

    private static CountingStore Store(EngineFixture f) => f.Services.GetRequiredService<IRouteHealthStore>() switch
    {
        CountingStore counting => counting,
        OtherClockStore other => other.Inner,
        SilentStore silent => silent.Inner,
        var store => throw new InvalidOperationException($"unexpected store {store}"),
    };

    /// <summary>The primary fails once (threshold 1: its breaker opens), the backup serves; the next call skips and remembers.</summary>
    private static async Task<RouteDescriptor> OpenAsync(EngineFixture f, FailureKind kind = FailureKind.ServerError, int status = 500, TimeSpan? retryAfter = null)
    {
        f.OpenAI.FailHttp("gpt-5-mini", kind, status, retryAfter: retryAfter);
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = Route(Dead, Backup);
        Assert.Equal("backup", (await f.RunAsync(route)).Value);
        Assert.Equal("backup", (await f.RunAsync(route)).Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
        return route;
    }

    private static List<string> Skips(EngineFixture f) =>
        f.Events.Events.Where(static e => e.Kind == RoutingEventKind.Skipped).Select(static e => e.Reason ?? string.Empty).ToList();

    [Fact]
    public async Task A_dead_primary_is_skipped_from_its_slot_without_asking_the_store_with_the_same_Skipped_event()
    {
        using var f = Fixture();
        var route = await OpenAsync(f);
        var asked = Store(f).AskedAbout(Dead);

        for (var i = 0; i < 5; i++)
        {
            var result = await f.RunAsync(route);
            Assert.Equal("backup", result.Value);
            Assert.True(result.IsFallback);
        }

        Assert.Equal(asked, Store(f).AskedAbout(Dead));
        var skips = Skips(f);
        Assert.Equal(6, skips.Count);
        Assert.All(skips, reason => Assert.Equal(skips[0], reason));
        Assert.Contains("model 'openai/gpt-5-mini' has its circuit open after 1 consecutive failures until", skips[0]);
    }

    [Fact]
    public async Task A_success_elsewhere_that_closes_the_breaker_sends_the_next_call_to_the_model()
    {
        using var f = Fixture();
        var route = await OpenAsync(f);
        Assert.Equal("backup", (await f.RunAsync(route)).Value); // remembered

        // Another route with the same model alone: every model skipped, so it tries the dead one as its last resort,
        // which has come back: the success closes the breaker.
        f.OpenAI.Reset("gpt-5-mini").Reply("gpt-5-mini", "primary");
        Assert.Equal("primary", (await f.RunAsync(Route(Dead))).Value);

        Assert.Equal("primary", (await f.RunAsync(route)).Value);
        Assert.Equal(3, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task The_half_open_trial_starts_when_the_break_ends_not_when_the_memo_would()
    {
        using var f = Fixture();
        var route = await OpenAsync(f);
        var asked = Store(f).AskedAbout(Dead);

        f.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("backup", (await f.RunAsync(route)).Value);
        Assert.Equal(asked, Store(f).AskedAbout(Dead)); // still remembered 10 s before the end

        f.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.Equal("backup", (await f.RunAsync(route)).Value); // the break is not over yet

        f.OpenAI.Reset("gpt-5-mini").Reply("gpt-5-mini", "primary");
        f.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal("primary", (await f.RunAsync(route)).Value); // the trial, at the break's exact end
        Assert.Equal(2, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task Once_an_attempt_has_started_a_remembered_skip_is_judged_on_the_clock_of_that_moment()
    {
        using var f = Fixture();
        const string Google = "google/gemini-2.5-flash";
        var route = new RouteDescriptor
        {
            Name = "Tests.Hedged",
            Interface = "Tests.IRoutes",
            Method = "RunAsync",
            Primary = new ModelTarget(Dead, 100_000, 1m, 2m),
            Fallbacks = [new ModelTarget(Google, 100_000, 1m, 2m)],
            Hedge = TimeSpan.FromSeconds(1),
        };
        Store(f).OnFailure(new ModelTarget(Google), new ClassifiedFailure(FailureKind.ServerError, 500, null, null, "boom")); // open for 30 s
        f.OpenAI.Fail("gpt-5-mini", new ProviderException(FailureKind.InvalidResponse, "unreadable", 200)).Hang("gpt-5-mini");
        f.Google.Reply("gemini-2.5-flash", "back");

        // The primary's answer cannot be read (no verdict on its health): the walk moves on and remembers Google's skip.
        await Assert.ThrowsAsync<FailoverException>(() => f.RunAsync(route).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(f.Google.Calls);

        // Half a second before Google's break ends, a call starts; its primary hangs and the hedge fires after the end.
        f.Time.Advance(TimeSpan.FromSeconds(29.5));
        var call = f.RunAsync(route);
        await f.Time.WaitForArmedAsync(TimeSpan.FromSeconds(1), count: 2).WaitAsync(TimeSpan.FromSeconds(30));
        f.Time.Advance(TimeSpan.FromSeconds(1));

        // Google's break is over: the hedge starts its trial. Judged at the call's start, the skip would still hold:
        // Google would be skipped (a second Skipped event) and only then tried as the route's last resort.
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("back", result.Value);
        Assert.Single(f.Google.Calls);
        Assert.Single(Skips(f));
    }

    [Fact]
    public async Task A_rate_limit_cooldown_ends_with_its_retry_after()
    {
        using var f = Fixture();
        var route = await OpenAsync(f, FailureKind.RateLimited, 429, TimeSpan.FromSeconds(5));
        Assert.Contains("is rate limited and cools down for its retry-after", Skips(f).Single());

        f.OpenAI.Reset("gpt-5-mini").Reply("gpt-5-mini", "primary");
        f.Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.Equal("backup", (await f.RunAsync(route)).Value);
        f.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal("primary", (await f.RunAsync(route)).Value);
    }

    [Fact]
    public async Task A_new_verdict_for_the_remembered_model_is_the_next_Skipped_reason()
    {
        using var f = Fixture(o => o.Health.GoneCooldown = TimeSpan.FromHours(1));
        var route = await OpenAsync(f);

        // Another instance of the app, or another route, learns the model is gone: a longer skip with another reason.
        Store(f).OnFailure(new ModelTarget(Dead), new ClassifiedFailure(FailureKind.ModelUnavailable, 404, "model_not_found", null, "gone"));

        Assert.Equal("backup", (await f.RunAsync(route)).Value);
        Assert.Contains("answered that it is gone", Skips(f).Last());

        // The breaker's 30 s would be over; the hour is not.
        f.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("backup", (await f.RunAsync(route)).Value);
        Assert.Equal(1, f.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task Health_switched_off_by_a_configuration_reload_sends_the_next_call_to_the_model()
    {
        var config = new ConfigurationManager();
        using var f = Fixture(configuration: config);
        var route = await OpenAsync(f);
        Assert.Equal("backup", (await f.RunAsync(route)).Value);

        f.OpenAI.Reset("gpt-5-mini").Reply("gpt-5-mini", "primary");
        config["Failover:Health:Enabled"] = "false";
        ((IConfigurationRoot)config).Reload();

        Assert.Equal("primary", (await f.RunAsync(route)).Value);
    }

    [Fact]
    public async Task A_configuration_reload_forgets_remembered_skips_even_when_the_store_announces_nothing()
    {
        var config = new ConfigurationManager();
        using var f = Fixture(configuration: config, wrap: static inner => new SilentStore((CountingStore)inner));
        var route = await OpenAsync(f);
        Assert.Equal("backup", (await f.RunAsync(route)).Value);

        // The plans are rebuilt for the new configuration, and with them their slots: the skip is asked about again.
        f.OpenAI.Reset("gpt-5-mini").Reply("gpt-5-mini", "primary");
        config["Failover:Health:Enabled"] = "false";
        ((IConfigurationRoot)config).Reload();

        Assert.Equal("primary", (await f.RunAsync(route)).Value);
    }

    [Fact]
    public void Every_change_of_the_in_memory_store_grows_its_version_and_is_announced_after_it()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var options = new FailoverOptions();
        options.Health.FailureThreshold = 1;
        var monitor = new ReloadableOptions(options);
        var store = new InMemoryRouteHealthStore(monitor, time);
        var model = new ModelTarget(Dead);
        var announced = new List<long>();
        store.Changed += (sender, _) =>
        {
            Assert.Same(store, sender);
            announced.Add(store.Version);
        };
        Assert.Same(time, store.TimeProvider);

        store.OnFailure(model, new ClassifiedFailure(FailureKind.ServerError, 500, null, null, "boom")); // opens
        Assert.False(store.TryEnter(model).IsAvailable); // asking changes nothing
        time.Advance(options.Health.BreakDuration);
        Assert.True(store.TryEnter(model).IsAvailable); // the half-open trial: no news for a skip (it ends with its Until)
        store.Release(model); // the trial ended without a verdict: another request may try
        store.Release(model); // nothing was running
        Assert.True(store.TryEnter(model).IsAvailable);
        store.OnSuccess(model); // closes
        store.OnSuccess(model); // settled already: no change
        monitor.Reload(new FailoverOptions()); // settings reloaded

        Assert.Equal([1, 2, 3, 4], announced);
        Assert.Equal(4, store.Version);
    }

    [Fact]
    public async Task A_store_on_another_clock_is_asked_every_time()
    {
        using var f = Fixture(wrap: static inner => new OtherClockStore((CountingStore)inner));
        var route = await OpenAsync(f);
        var asked = Store(f).AskedAbout(Dead);

        Assert.Equal("backup", (await f.RunAsync(route)).Value);
        Assert.Equal("backup", (await f.RunAsync(route)).Value);

        Assert.Equal(asked + 2, Store(f).AskedAbout(Dead));
    }

    [Fact]
    public async Task A_spent_rate_budget_is_never_remembered_so_every_request_is_counted()
    {
        using var f = Fixture(o => o.Budgets.Models[Dead] = new RateBudget { RequestsPerMinute = 1 });
        f.OpenAI.Reply("gpt-5-mini", "primary");
        f.Anthropic.Reply("claude-haiku-4-5", "backup");
        var route = Route(Dead, Backup);
        Assert.Equal("primary", (await f.RunAsync(route)).Value);
        var asked = Store(f).AskedAbout(Dead);

        Assert.Equal("backup", (await f.RunAsync(route)).Value);
        Assert.Equal("backup", (await f.RunAsync(route)).Value);

        Assert.Equal(asked + 2, Store(f).AskedAbout(Dead));
        Assert.All(Skips(f), reason => Assert.Contains("has spent its budget of 1 requests per minute", reason));
    }

    [Fact]
    public void Skips_are_remembered_only_on_a_clock_whose_UTC_time_and_timestamps_are_one()
    {
        Assert.True(RememberedSkip.CanTime(TimeProvider.System));
        Assert.True(RememberedSkip.CanTime(new Microsoft.Extensions.Time.Testing.FakeTimeProvider()));
        Assert.True(RememberedSkip.CanTime(new ObservedTime()));
        Assert.False(RememberedSkip.CanTime(new JumpingUtcClock()));
    }

    [Fact]
    public async Task On_a_clock_whose_UTC_time_jumps_alone_the_store_is_asked_every_time_and_the_trial_starts_on_time()
    {
        var clock = new JumpingUtcClock();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        var openai = new ScriptedChatClient();
        var anthropic = new ScriptedChatClient();
        services.AddFailover(b => b.AddProvider("openai", openai).AddProvider("anthropic", anthropic));
        services.Configure<FailoverOptions>(o =>
        {
            o.Health.FailureThreshold = 1;
            o.Health.BreakDuration = TimeSpan.FromSeconds(30);
        });
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<FailoverEngine>();
        openai.FailHttp("gpt-5-mini", FailureKind.ServerError, 500);
        anthropic.Reply("claude-haiku-4-5", "backup");
        var route = Route(Dead, Backup);
        Task<RouteResult<string>> Run() => engine.RunAsync(route, [new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")], ResponseReaders.Text);

        Assert.Equal("backup", (await Run()).Value);
        Assert.Equal("backup", (await Run()).Value);
        openai.Reset("gpt-5-mini").Reply("gpt-5-mini", "primary");
        clock.Jump(TimeSpan.FromSeconds(30)); // the timestamps stay where they were

        Assert.Equal("primary", (await Run()).Value);
    }

    /// <summary>A clock that overrides only its UTC time, which tests move by hand; its timestamps are the machine's.</summary>
    private sealed class JumpingUtcClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Jump(TimeSpan by) => _now += by;
    }

    /// <summary>The in-memory store, counting how often the engine asks about each model.</summary>
    private sealed class CountingStore(InMemoryRouteHealthStore inner) : IRouteHealthStore, IRouteHealthChanges
    {
        private readonly Dictionary<string, int> _asked = new(StringComparer.OrdinalIgnoreCase);

        public TimeProvider TimeProvider => inner.TimeProvider;

        public long Version => inner.Version;

        public event EventHandler? Changed
        {
            add => inner.Changed += value;
            remove => inner.Changed -= value;
        }

        public int AskedAbout(string model)
        {
            lock (_asked)
            {
                return _asked.GetValueOrDefault(model);
            }
        }

        public HealthVerdict TryEnter(ModelTarget model)
        {
            lock (_asked)
            {
                _asked[model.Id] = _asked.GetValueOrDefault(model.Id) + 1;
            }

            return inner.TryEnter(model);
        }

        public void OnSuccess(ModelTarget model) => inner.OnSuccess(model);

        public void OnFailure(ModelTarget model, ClassifiedFailure failure) => inner.OnFailure(model, failure);

        public void Release(ModelTarget model) => inner.Release(model);
    }

    /// <summary>The same store, claiming a clock that is not the engine's.</summary>
    private sealed class OtherClockStore(CountingStore inner) : IRouteHealthStore, IRouteHealthChanges
    {
        public CountingStore Inner => inner;

        public TimeProvider TimeProvider { get; } = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();

        public long Version => inner.Version;

        public event EventHandler? Changed
        {
            add => inner.Changed += value;
            remove => inner.Changed -= value;
        }

        public HealthVerdict TryEnter(ModelTarget model) => inner.TryEnter(model);

        public void OnSuccess(ModelTarget model) => inner.OnSuccess(model);

        public void OnFailure(ModelTarget model, ClassifiedFailure failure) => inner.OnFailure(model, failure);

        public void Release(ModelTarget model) => inner.Release(model);
    }

    /// <summary>The same store, never announcing a change (its version stays 0).</summary>
    private sealed class SilentStore(CountingStore inner) : IRouteHealthStore, IRouteHealthChanges
    {
        public CountingStore Inner => inner;

        public TimeProvider TimeProvider => inner.TimeProvider;

        public long Version => 0;

        public event EventHandler? Changed
        {
            add { }
            remove { }
        }

        public HealthVerdict TryEnter(ModelTarget model) => inner.TryEnter(model);

        public void OnSuccess(ModelTarget model) => inner.OnSuccess(model);

        public void OnFailure(ModelTarget model, ClassifiedFailure failure) => inner.OnFailure(model, failure);

        public void Release(ModelTarget model) => inner.Release(model);
    }
}
