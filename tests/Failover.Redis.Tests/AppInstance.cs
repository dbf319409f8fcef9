using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Failover.Redis.Tests;

/// <summary>One instance of an app: its own providers, engine, clock, logs and Redis connection, sharing health through Redis.</summary>
internal sealed class AppInstance : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 10, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly IConnectionMultiplexer? _connection;

    public static AppInstance Create(RedisServer redis, string prefix, Action<FailoverOptions>? configure = null)
    {
        var connection = redis.Connect();
        return new AppInstance(prefix, configure, builder => builder.UseRedisHealthStore(connection, o => o.KeyPrefix = prefix), connection);
    }

    public AppInstance(string prefix, Action<FailoverOptions>? configure, Action<FailoverBuilder> useStore, IConnectionMultiplexer? ownsConnectionOf)
    {
        _connection = ownsConnectionOf;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IRoutingEventSink>(Events);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        var builder = services.AddFailover(b => b.AddProvider("openai", OpenAI).AddProvider("anthropic", Anthropic)).AddFailoverClient<ISharedAi>();
        useStore(builder);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        _services = services.BuildServiceProvider();
        OpenAI.Answer("gpt-5-mini", "primary");
        Anthropic.Answer("claude-haiku-4-5", "backup");
        Prefix = prefix;
    }

    public string Prefix { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public FakeChatClient OpenAI { get; } = new();

    public FakeChatClient Anthropic { get; } = new();

    public EventRecorder Events { get; } = new();

    public FakeLoggerProvider Logs { get; } = new();

    public ISharedAi Client => _services.GetRequiredService<ISharedAi>();

    public RedisRouteHealthStore Store => (RedisRouteHealthStore)_services.GetRequiredService<IRouteHealthStore>();

    public Task<RouteResult<string>> AskAsync() => Client.AskAsync("hello");

    public int LogCount(int eventId) => Logs.Collector.GetSnapshot().Count(r => r.Id.Id == eventId);

    public IReadOnlyList<string> Reasons(RoutingEventKind kind) => Events.Snapshot().Where(e => e.Kind == kind).Select(e => e.Reason ?? string.Empty).ToList();

    public void Dispose()
    {
        _services.Dispose();
        _connection?.Dispose();
    }

    /// <summary>Waits, bounded, for a condition that another instance's announcement makes true. Never a fixed sleep.</summary>
    public static async Task Eventually(Func<bool> condition, string what, double seconds = 5)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new Xunit.Sdk.XunitException($"Not true within {seconds} s: {what}");
            }

            await Task.Delay(10);
        }
    }
}

internal sealed class EventRecorder : IRoutingEventSink
{
    private readonly List<RoutingEvent> _events = [];

    public void OnEvent(RoutingEvent routingEvent)
    {
        lock (_events)
        {
            _events.Add(routingEvent);
        }
    }

    public List<RoutingEvent> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }
}
