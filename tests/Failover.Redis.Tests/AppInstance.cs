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
    private int _watchingStore;

    public static AppInstance Create(RedisServer redis, string prefix, Action<FailoverOptions>? configure = null)
    {
        var connection = redis.Connect();
        return new AppInstance(prefix, configure, builder => builder.UseRedisHealthStore(connection, o => o.KeyPrefix = prefix), connection);
    }

    public AppInstance(string prefix, Action<FailoverOptions>? configure, Action<FailoverBuilder> useStore, IConnectionMultiplexer? ownsConnectionOf)
    {
        _connection = ownsConnectionOf;
        if (ownsConnectionOf is not null)
        {
            // The connection coming and going changes IsSharing before the store hears of it.
            ownsConnectionOf.ConnectionFailed += (_, _) => Signal.Pulse();
            ownsConnectionOf.ConnectionRestored += (_, _) => Signal.Pulse();
        }

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IRoutingEventSink>(Events);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new PulsingLoggerProvider(Logs, Signal)));
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

    /// <summary>Pulses whenever something another process or thread did may have changed this instance: its store announced a change, it logged, its connection failed or came back.</summary>
    public Signal Signal { get; } = new();

    public ISharedAi Client => _services.GetRequiredService<ISharedAi>();

    public RedisRouteHealthStore Store => (RedisRouteHealthStore)_services.GetRequiredService<IRouteHealthStore>();

    public Task<RouteResult<string>> AskAsync() => Client.AskAsync("hello");

    /// <summary>Waits for the store's queued writes to reach Redis; the real-time guard makes a stuck writer fail the test.</summary>
    public Task FlushAsync() => Store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Runs the store's periodic refresh now, under the same guard.</summary>
    public Task RefreshAsync() => Store.RefreshAsync().WaitAsync(TimeSpan.FromSeconds(30));

    public int LogCount(int eventId) => Logs.Collector.GetSnapshot().Count(r => r.Id.Id == eventId);

    public IReadOnlyList<string> Reasons(RoutingEventKind kind) => Events.Snapshot().Where(e => e.Kind == kind).Select(e => e.Reason ?? string.Empty).ToList();

    public void Dispose()
    {
        _services.Dispose();
        _connection?.Dispose();
    }

    /// <summary>
    /// Waits for a condition that Redis I/O (another instance's announcement, a refresh, a reconnect, a log line) makes
    /// true: checked again on each pulse of the watched instances' <see cref="Signal"/>, never on a timer. The real-time
    /// guard makes a broken test fail instead of hanging.
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, params AppInstance[] watched)
    {
        foreach (var app in watched)
        {
            app.WatchStore();
        }

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            // Taken before the check, so a pulse between the check and the wait is not lost.
            var pulsed = Task.WhenAny(watched.Select(static app => app.Signal.Next));
            if (condition())
            {
                return;
            }

            try
            {
                await pulsed.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"Not true within 30 s: {what}");
            }
        }
    }

    private void WatchStore()
    {
        if (Interlocked.Exchange(ref _watchingStore, 1) == 0)
        {
            Store.Changed += (_, _) => Signal.Pulse();
        }
    }
}

/// <summary>A pulse that wakes every waiter: each <see cref="Pulse"/> completes the task handed out so far and starts a new one.</summary>
internal sealed class Signal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>Writes to the test's fake logger, then pulses: a waiter checking the logs sees the line that woke it.</summary>
internal sealed class PulsingLoggerProvider(FakeLoggerProvider inner, Signal signal) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new PulsingLogger(inner.CreateLogger(categoryName), signal);

    public void Dispose()
    {
        // The fake provider belongs to the app instance, which reads its logs after the services are gone.
    }

    private sealed class PulsingLogger(ILogger inner, Signal signal) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            signal.Pulse();
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
