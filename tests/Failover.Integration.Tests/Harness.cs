using System.Net;
using System.Net.Sockets;
using Failover.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Integration.Tests;

/// <summary>
/// A simulator on loopback and a Failover engine whose built-in OpenAI, Anthropic and Gemini providers talk to it over
/// real HTTP. Engine, Polly and simulator share one fake clock.
/// </summary>
public sealed class Harness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Harness(ProviderSimulator simulator, ObservedTime time, ServiceProvider services, RecordingSink events)
    {
        Simulator = simulator;
        Time = time;
        _services = services;
        Events = events;
    }

    public ProviderSimulator Simulator { get; }

    public ObservedTime Time { get; }

    public RecordingSink Events { get; }

    public IServiceProvider Services => _services;

    public FailoverEngine Engine => _services.GetRequiredService<FailoverEngine>();

    /// <summary>
    /// Moves the fake clock past a stream's stall limit once the primary is held on a simulated pause (its stream armed
    /// the limit when it opened): the limit counts from the engine's latest request of the stream, which the attempt's
    /// timer knows exactly once the engine waits. If the clock moved while the engine was still reading the chunks sent
    /// before the pause, the timer counts again from then and re-arms: the clock is moved once more after that re-arm.
    /// Ends when the stall has been reported (the attempt's event with <see cref="FailureKind.Timeout"/>).
    /// </summary>
    public async Task AdvancePastStallAsync(TimeSpan stall)
    {
        static bool Stalled(RoutingEvent e) => e.Kind == RoutingEventKind.Attempt && e.Failure == FailureKind.Timeout;

        await Simulator.WaitForLatencyAsync();
        for (var armed = 1; ; armed++)
        {
            await Time.WaitForArmedAsync(stall, armed);
            Time.Advance(stall);
            var stalled = Events.WaitForAsync(Stalled);
            var rearmed = Time.WaitForArmedAsync(stall, armed + 1);
            await await Task.WhenAny(stalled, rearmed);

            // The next arm may be the next model's stream opening after the stall: the engine reports the stall before it
            // opens that stream, so the report is there by then and the clock must not move again.
            if (Events.Events.Any(Stalled))
            {
                return;
            }
        }
    }

    /// <param name="refusing">A provider whose base URL points at a closed loopback port, so every connection is refused.</param>
    /// <param name="configure">Extra registrations (generated clients, options).</param>
    public static async Task<Harness> StartAsync(string? refusing = null, Action<FailoverBuilder>? configure = null)
    {
        var time = new ObservedTime();
        var simulator = await ProviderSimulator.StartAsync(time);
        int? closed = refusing is null ? null : ClosedPort();
        Uri Url(string provider, Uri real) =>
            provider == refusing ? new Uri($"http://127.0.0.1:{closed}{real.AbsolutePath}") : real;

        var events = new RecordingSink();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IRoutingEventSink>(events);
        var builder = services.AddFailover(f => f
            .AddOpenAI("sk-sim-openai", o => o.BaseUrl = Url("openai", simulator.OpenAIBaseUrl))
            .AddAnthropic("sk-ant-sim", o => o.BaseUrl = Url("anthropic", simulator.AnthropicBaseUrl))
            .AddGemini("AIza-sim", o => o.BaseUrl = Url("google", simulator.GeminiBaseUrl)));
        configure?.Invoke(builder);
        return new Harness(simulator, time, services.BuildServiceProvider(), events);
    }

    public Task<RouteResult<string>> RunAsync(RouteDescriptor route, CancellationToken cancellationToken = default) =>
        Engine.RunAsync(route, [new ChatMessage(ChatRole.User, "My invoice is wrong.")], ResponseReaders.Text, cancellationToken);

    /// <summary>The attempts and skips of every call so far, as <c>role:kind</c> (kind <c>skipped</c> for a skipped model).</summary>
    public string Trace(WireFormat wire) => string.Join(", ", Compress(Events.Events
        .Where(static e => e.Kind != RoutingEventKind.Completed)
        .Select(e => wire.RoleOf(e.Model!.Id) + ":" + (e.Kind == RoutingEventKind.Skipped ? "skipped" : e.Failure.ToString()))));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    private static IEnumerable<string> Compress(IEnumerable<string> steps)
    {
        string? last = null;
        var count = 0;
        foreach (var step in steps)
        {
            if (step == last)
            {
                count++;
                continue;
            }

            if (last is not null)
            {
                yield return count == 1 ? last : $"{last} x{count}";
            }

            last = step;
            count = 1;
        }

        if (last is not null)
        {
            yield return count == 1 ? last : $"{last} x{count}";
        }
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
