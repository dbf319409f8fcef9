using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Failover;

/// <summary>
/// Proves every fallback before the incident. For every route and every model of its chain (primary, fallbacks,
/// canary) the drill makes that model the one that answers: it runs the route through the generated client and the
/// engine's own chain walk while every other model of the chain is down (its breaker open, as after a real outage),
/// and sends a probe (the route's own prompt with sample arguments, or a probe given per route). Each model gets the prompt
/// a real call sends it: its family's variant when the route has one (<see cref="RouteDescriptor.PromptVariants"/>). The application's
/// providers, configuration and clock are used; its health state, metrics and routing-event sinks are not touched.
/// </summary>
/// <remarks>
/// One line exposes it as a command: <c>if (args is ["drill", ..]) return await FailoverDrill.RunAsync(host.Services, args);</c>
/// </remarks>
public static class FailoverDrill
{
    private static readonly DrillMeterFactory s_meters = new();

    /// <summary>The command's usage text.</summary>
    public const string Usage =
        "drill [--route NAME]... [--format table|json|markdown] [--json PATH] [--markdown PATH] [--timeout SECONDS]\n" +
        "  Probes every model of every registered route (or only the routes named) and exits 0 when all answered, 1 otherwise, 2 on bad arguments.";

    /// <summary>Runs the drill as a command: parses <paramref name="args"/> (a leading <c>drill</c> is skipped), prints the report and returns the exit code.</summary>
    /// <param name="services">The application's services, with <c>AddFailover</c> and its providers registered.</param>
    /// <param name="args">The command line, for example <c>drill --route ticket.classify --json drill.json</c>.</param>
    /// <param name="output">Where the report is printed; the console when null.</param>
    /// <param name="cancellationToken">Stops the drill.</param>
    /// <returns>0 when every model passed, 1 when any failed, 2 when the arguments are wrong.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;

        var options = new DrillOptions();
        var format = "table";
        string? jsonPath = null, markdownPath = null;
        var start = args.Length > 0 && args[0] == "drill" ? 1 : 0;
        for (var i = start; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--route" when value is not null:
                    options.Routes.Add(value);
                    i++;
                    break;
                case "--format" when value is "table" or "json" or "markdown":
                    format = value;
                    i++;
                    break;
                case "--json" when value is not null:
                    jsonPath = value;
                    i++;
                    break;
                case "--markdown" when value is not null:
                    markdownPath = value;
                    i++;
                    break;
                case "--timeout" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    options.ProbeTimeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                default:
                    await output.WriteLineAsync($"Unknown or incomplete drill argument '{args[i]}'.\nUsage: {Usage}").ConfigureAwait(false);
                    return 2;
            }
        }

        DrillReport report;
        try
        {
            report = await RunAsync(services, options, cancellationToken).ConfigureAwait(false);
        }
        catch (FailoverConfigurationException error)
        {
            await output.WriteLineAsync("Drill could not start: " + error.Message).ConfigureAwait(false);
            return 2;
        }

        await output.WriteAsync(format switch { "json" => report.ToJson() + "\n", "markdown" => report.ToMarkdown(), _ => report.ToTable() }).ConfigureAwait(false);
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, report.ToJson() + "\n", cancellationToken).ConfigureAwait(false);
        }

        if (markdownPath is not null)
        {
            await File.WriteAllTextAsync(markdownPath, report.ToMarkdown(), cancellationToken).ConfigureAwait(false);
        }

        return report.ExitCode;
    }

    /// <summary>Runs the drill and returns its report.</summary>
    /// <param name="services">The application's services, with <c>AddFailover</c> and its providers registered.</param>
    /// <param name="options">Which routes, their probes and the probe timeout; every registered route when null.</param>
    /// <param name="cancellationToken">Stops the drill.</param>
    /// <exception cref="FailoverConfigurationException">A route names a provider that is not registered, or a filter names a route that does not exist.</exception>
    public static async Task<DrillReport> RunAsync(IServiceProvider services, DrillOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new DrillOptions();
        var providers = services.GetService<ProviderDirectory>()
            ?? throw new FailoverConfigurationException("The drill needs Failover's services: call services.AddFailover(...) with the providers before running it.");
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System; // clock: the app's TimeProvider when registered; the system clock only as the default, as the engine does
        var appOptions = services.GetService<IOptionsMonitor<FailoverOptions>>()?.CurrentValue ?? new FailoverOptions();

        var selected = Select(options);
        var started = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        var results = new List<DrillResult>();
        foreach (var (client, route) in selected)
        {
            foreach (var (model, role) in Models(route, appOptions))
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(await ProbeAsync(providers, time, appOptions, client, route, model, role, options, cancellationToken).ConfigureAwait(false));
            }
        }

        return new DrillReport(results, startedAt, time.GetElapsedTime(started));
    }

    private static List<(RegisteredClient Client, RouteDescriptor Route)> Select(DrillOptions options)
    {
        var selected = new List<(RegisteredClient, RouteDescriptor)>();
        foreach (var client in FailoverClientRegistry.Clients)
        {
            if ((options.Interfaces.Count > 0 && !options.Interfaces.Contains(client.Interface))
                || (options.Assemblies.Count > 0 && !options.Assemblies.Contains(client.Interface.Assembly)))
            {
                continue;
            }

            foreach (var route in client.Routes)
            {
                if (options.Routes.Count == 0 || options.Routes.Contains(route.Name))
                {
                    selected.Add((client, route));
                }
            }
        }

        foreach (var name in options.Routes)
        {
            if (!selected.Any(s => string.Equals(s.Item2.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                var known = string.Join(", ", FailoverClientRegistry.Routes.Select(static r => r.Name));
                throw new FailoverConfigurationException($"The drill was asked for route '{name}', which no registered interface declares. Known routes: {(known.Length == 0 ? "none" : known)}.");
            }
        }

        selected.Sort(static (a, b) => string.CompareOrdinal(a.Item2.Name, b.Item2.Name));
        return selected;
    }

    /// <summary>The models a real call may reach: the configured chain (an override replaces the declared one), then the canary.</summary>
    private static IEnumerable<(string Model, string Role)> Models(RouteDescriptor route, FailoverOptions options)
    {
        var chain = options.Routes.TryGetValue(route.Name, out var routeOverride) && routeOverride is { Chain.Count: > 0 }
            ? routeOverride.Chain.Where(static id => !string.IsNullOrWhiteSpace(id)).ToList()
            : route.Chain.Select(static m => m.Id).ToList();
        for (var i = 0; i < chain.Count; i++)
        {
            yield return (chain[i], i == 0 ? "primary" : $"fallback {i}");
        }

        if (route.Canary is { } canary && !chain.Contains(canary.Model.Id, StringComparer.OrdinalIgnoreCase))
        {
            yield return (canary.Model.Id, "canary");
        }
    }

    private static async Task<DrillResult> ProbeAsync(
        ProviderDirectory providers, TimeProvider time, FailoverOptions appOptions, RegisteredClient client, RouteDescriptor route,
        string model, string role, DrillOptions options, CancellationToken cancellationToken)
    {
        var structured = route.Options?.ResponseFormat is ChatResponseFormatJson;
        var method = DrillInvocation.FindMethod(client.Interface, route);
        var stream = method is not null && DrillInvocation.IsStream(method);
        DrillResult Failed(string failure) => new()
        {
            Route = route.Name, Interface = route.Interface, Model = model, Role = role, PromptVariant = route.PromptVariantOf(model), Failure = failure,
            StructuredOutputValid = structured ? false : null, Streamed = stream ? false : null,
        };

        if (FailoverOptionsValidator.IsDisabled(appOptions, model))
        {
            return Failed("disabled by configuration (Failover:DisabledModels or Failover:DisabledProviders): in an incident this model would not answer.");
        }

        var probe = options.Probes.GetValueOrDefault(route.Name);
        if (method is null && probe is null)
        {
            return Failed($"the method {route.Interface}.{route.Method} was not found on the registered interface; give the route a probe with DrillOptions.Probe.");
        }

        var collector = new DrillEventCollector();
        FailoverEngine engine;
        try
        {
            engine = new FailoverEngine(providers, new DrillOptionsMonitor(DrillScope(appOptions, route, model, role)), time, new[] { collector },
                new DrillHealthStore(model), NullLogger.Instance, new EngineTelemetry(meterFactory: s_meters));
        }
        catch (FailoverConfigurationException error)
        {
            return Failed(error.Message);
        }

        var clientInstance = client.Create(engine);
        using var timeout = new CancellationTokenSource(options.ProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        int? chunks = null;
        Exception? thrown = null;
        try
        {
            if (probe is not null)
            {
                await probe(clientInstance, linked.Token).ConfigureAwait(false);
            }
            else
            {
                chunks = (await DrillInvocation.InvokeAsync(clientInstance, method!, route, (options.Arguments.TryGetValue(route.Name, out var given) ? given : null), linked.Token).ConfigureAwait(false)).Chunks;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            thrown = error;
        }

        return Summarize(route, model, role, structured, stream, chunks, thrown, timeout.IsCancellationRequested, options.ProbeTimeout, collector.Events);
    }

    private static DrillResult Summarize(
        RouteDescriptor route, string model, string role, bool structured, bool stream, int? chunks, Exception? thrown, bool timedOut, TimeSpan probeTimeout, IReadOnlyList<RoutingEvent> events)
    {
        var attempts = events.Where(e => e.Kind == RoutingEventKind.Attempt && string.Equals(e.Model?.Id, model, StringComparison.OrdinalIgnoreCase)).ToList();
        var others = events.Where(e => e.Kind == RoutingEventKind.Attempt && !string.Equals(e.Model?.Id, model, StringComparison.OrdinalIgnoreCase))
            .Select(static e => e.Model!.Id).Distinct().ToList();
        var completed = events.LastOrDefault(static e => e.Kind == RoutingEventKind.Completed);
        var servedBy = completed?.Model?.Id;
        var answered = thrown is null && string.Equals(servedBy, model, StringComparison.OrdinalIgnoreCase);

        string? failure = null;
        if (!answered)
        {
            var last = attempts.LastOrDefault(static a => a.Failure != FailureKind.None);
            failure = timedOut ? $"the probe timed out after {probeTimeout.TotalSeconds:0.#} s (DrillOptions.ProbeTimeout / --timeout)."
                : last is not null ? $"{last.Failure}{(last.StatusCode is { } status ? $" (HTTP {status})" : string.Empty)}: {last.Reason}"
                : others.Count > 0 ? $"the engine did not call it; {string.Join(", ", others)} answered instead."
                : completed?.Outcome == RouteOutcome.Degraded ? "the route's degradation answered: the model was never called."
                : thrown is not null ? $"{thrown.GetType().Name}: {thrown.Message}"
                : "the model was not called.";
        }

        var streamed = stream ? answered && chunks > 0 : (bool?)null;
        if (answered && stream && chunks == 0)
        {
            failure = "the stream completed without a single chunk.";
        }

        return new DrillResult
        {
            Route = route.Name,
            Interface = route.Interface,
            Model = model,
            Role = role,
            PromptVariant = route.PromptVariantOf(model),
            Reachable = attempts.Any(static a => a.Failure == FailureKind.None || a.StatusCode is not null
                || a.Failure is not (FailureKind.Connection or FailureKind.Timeout or FailureKind.Unknown or FailureKind.Cancelled)),
            Answered = answered,
            Latency = completed?.Latency ?? TimeSpan.FromTicks(attempts.Sum(static a => a.Latency.Ticks)),
            Attempts = attempts.Count,
            InputTokens = attempts.Sum(static a => a.InputTokens),
            OutputTokens = attempts.Sum(static a => a.OutputTokens),
            Cost = attempts.Any(static a => a.Cost is not null) ? attempts.Sum(static a => a.Cost ?? 0m) : null,
            StructuredOutputValid = structured ? answered : null,
            Streamed = streamed,
            Chunks = chunks ?? 0,
            TimeToFirstToken = attempts.LastOrDefault()?.TimeToFirstToken,
            Failure = failure,
        };
    }

    /// <summary>
    /// The drill engine's options: the application's, copied, with game-day chaos off and, for a canary, the route's chain
    /// replaced by the canary so the engine reaches it whatever its share.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "FailoverOptions' properties are referenced by typeof, so the trimmer keeps them.")]
    private static FailoverOptions DrillScope(FailoverOptions app, RouteDescriptor route, string model, string role)
    {
        var copy = new FailoverOptions();
        foreach (var property in typeof(FailoverOptions).GetProperties())
        {
            if (property.CanRead && property.CanWrite)
            {
                property.SetValue(copy, property.GetValue(app));
            }
        }

        // A drill asks whether each model answers; a game day's injected faults would only blur that answer.
        copy.Chaos = new FailoverChaosOptions();
        copy.Routes = new Dictionary<string, RouteOverrideOptions>(app.Routes, StringComparer.OrdinalIgnoreCase);
        if (role == "canary")
        {
            app.Routes.TryGetValue(route.Name, out var existing);
            copy.Routes[route.Name] = new RouteOverrideOptions { Chain = new List<string> { model }, MaxAttempts = existing?.MaxAttempts };
        }

        return copy;
    }
}
