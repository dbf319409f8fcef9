using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Runtime.Tests;

/// <summary>An engine over scripted clients for three providers and a fake clock.</summary>
internal sealed class EngineFixture : IDisposable
{
    private readonly ServiceProvider _services;

    public EngineFixture(Action<FailoverOptions>? configure = null, Action<FailoverBuilder>? providers = null, Microsoft.Extensions.Configuration.IConfiguration? configuration = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IRoutingEventSink>(Events);
        var builder = services.AddFailover(b => b.AddProvider("openai", OpenAI).AddProvider("anthropic", Anthropic).AddProvider("google", Google));
        providers?.Invoke(builder);
        if (configuration is not null)
        {
            services.AddOptions<FailoverOptions>().Bind(configuration.GetSection("Failover"));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        _services = services.BuildServiceProvider();
    }

    public ObservedTime Time { get; } = new();

    public ScriptedChatClient OpenAI { get; } = new();

    public ScriptedChatClient Anthropic { get; } = new();

    public ScriptedChatClient Google { get; } = new();

    public RecordingSink Events { get; } = new();

    public FailoverEngine Engine => _services.GetRequiredService<FailoverEngine>();

    public IServiceProvider Services => _services;

    public static RouteDescriptor Route(string primary, params string[] fallbacks) => Route(primary, RetryRule.None, fallbacks);

    public static RouteDescriptor Route(string primary, RetryRule retry, params string[] fallbacks) => new()
    {
        Name = "Tests.Route",
        Interface = "Tests.IRoutes",
        Method = "RunAsync",
        Primary = new ModelTarget(primary, 100_000, 1m, 2m),
        Fallbacks = fallbacks.Select(static f => new ModelTarget(f, 200_000, 3m, 4m)).ToArray(),
        Retry = retry,
    };

    public static RetryRule NoDelayRetry(int attempts) => new() { MaxAttempts = attempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(5), Jitter = false };

    public Task<RouteResult<string>> RunAsync(RouteDescriptor route, CancellationToken cancellationToken = default) =>
        Engine.RunAsync(route, [new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hello")], ResponseReaders.Text, cancellationToken);

    public void Dispose() => _services.Dispose();
}

internal sealed class RecordingSink : IRoutingEventSink
{
    public List<RoutingEvent> Events { get; } = [];

    public void OnEvent(RoutingEvent routingEvent)
    {
        lock (Events)
        {
            Events.Add(routingEvent);
        }
    }
}
