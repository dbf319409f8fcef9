using Failover;
using Failover.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SupportDesk;

/// <summary>The outcome of a playback: every call the routing table saw.</summary>
public sealed record IncidentReport(IReadOnlyList<CallRecord> Calls, DateTimeOffset DirectiveAt)
{
    public bool EveryRequestAnswered => Calls.Count > 0 && Calls.All(static c => c.Answered);
}

/// <summary>
/// Plays a day at the support desk against the provider simulator (real HTTP on 127.0.0.1): normal traffic, then a
/// directive switches the classification route's primary model off for every customer, then Anthropic rate limits and
/// overloads, then it recovers. The built-in OpenAI, Anthropic and Gemini providers talk to the simulator exactly as
/// they would to the real APIs; only their base URLs and keys differ.
/// </summary>
public static class IncidentPlayback
{
    /// <summary>The model the directive switches off: the primary of <c>ticket.classify</c>.</summary>
    public const string DirectiveModel = "gpt-5-mini";

    /// <summary>The model operations disable through configuration in the last phase.</summary>
    public const string KillSwitchModel = "anthropic/claude-haiku-4-5";

    private static readonly (string Model, int LatencyMs)[] s_models =
    [
        ("gpt-5-mini", 35), ("gpt-5", 90), ("claude-haiku-4-5", 45), ("claude-sonnet-4-5", 110), ("gemini-2.5-flash", 40),
    ];

    public static async Task<IncidentReport> RunAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        var clock = new IncidentClock();
        await using var simulator = await ProviderSimulator.StartAsync(clock, cancellationToken);
        foreach (var (model, _) in s_models)
        {
            Healthy(simulator, model);
        }

        // Operations' configuration: the kill switch lives here (Failover:DisabledModels), changed at run time below.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection();

        var table = new RoutingTable(output);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IRoutingEventSink>(table);
        services.Configure<FailoverOptions>(configuration.GetSection("Failover"));
        services.AddFailover(failover => failover
                .AddOpenAI("sk-simulated", o => o.BaseUrl = simulator.OpenAIBaseUrl)
                .AddAnthropic("sk-ant-simulated", o => o.BaseUrl = simulator.AnthropicBaseUrl)
                .AddGemini("simulated-key", o => o.BaseUrl = simulator.GeminiBaseUrl))
            .AddFailoverClient<ISupportDesk>();
        await using var provider = services.BuildServiceProvider();
        var desk = provider.GetRequiredService<ISupportDesk>();

        output.WriteLine($"Provider simulator listening on {simulator.BaseAddress} (OpenAI, Anthropic and Gemini wire formats).");
        PrintRoutes(output);
        output.WriteLine();
        output.WriteLine(RoutingTable.Legend);
        var tickets = new Queue<string>(Tickets.Today);

        table.Phase = "normal";
        Announce(table, output, "Phase 1: normal traffic. Every route is served by its primary.");
        await HandleAsync(desk, tickets, 3, cancellationToken);

        table.Phase = "directive";
        var directiveAt = simulator.TimeProvider.GetUtcNow();
        simulator.Model(DirectiveModel).SwitchOffAt(directiveAt);
        Announce(table, output, $"Phase 2: directive day. OpenAI switches {DirectiveModel} off for every customer: 404 model_not_found from now on. One failed attempt marks it gone; later calls skip it without paying for a request.");
        await HandleAsync(desk, tickets, 3, cancellationToken);

        table.Phase = "throttle";
        simulator.Model("claude-sonnet-4-5").RateLimited(TimeSpan.FromSeconds(30)).Always();
        simulator.Model("claude-haiku-4-5").Overloaded().Times(2);
        simulator.Model("gemini-2.5-flash").RateLimited(TimeSpan.FromSeconds(1));
        Announce(table, output, "Phase 3: Anthropic rate limits claude-sonnet-4-5 (429, retry-after 30 s) and overloads claude-haiku-4-5 (529); Gemini asks for a 1 s pause once.");
        await HandleAsync(desk, tickets, 3, cancellationToken);

        table.Phase = "recovery";
        Healthy(simulator, "claude-sonnet-4-5");
        Healthy(simulator, "claude-haiku-4-5");
        clock.Skip(TimeSpan.FromMinutes(1));
        Announce(table, output, $"Phase 4: one minute later, recovery. Anthropic is healthy and sonnet's 30 s rate-limit cooldown is over; {DirectiveModel} stays gone (its cooldown is an hour), so ticket.classify keeps its fallback.");
        await HandleAsync(desk, tickets, 3, cancellationToken);

        table.Phase = "config";
        configuration["Failover:DisabledModels:0"] = KillSwitchModel;
        ((IConfigurationRoot)configuration).Reload();
        Announce(table, output, $"Phase 5: kill switch. Operations disable {KillSwitchModel} in configuration (Failover:DisabledModels), no redeploy: the next calls skip it.");
        await HandleAsync(desk, tickets, 3, cancellationToken);

        table.WriteSummary();
        return new IncidentReport(table.Calls, directiveAt);
    }

    /// <summary>Calls the real providers with the same routes: no incident is staged, the table shows what really happens.</summary>
    public static async Task<IncidentReport> RunAgainstProvidersAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        var table = new RoutingTable(output);
        var services = new ServiceCollection();
        services.AddSingleton<IRoutingEventSink>(table);
        services.AddFailover(static failover => failover.AddOpenAI(null).AddAnthropic(null).AddGemini(null)).AddFailoverClient<ISupportDesk>();
        await using var provider = services.BuildServiceProvider();
        var desk = provider.GetRequiredService<ISupportDesk>();

        output.WriteLine("Calling the real OpenAI, Anthropic and Gemini APIs (keys from OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY).");
        PrintRoutes(output);
        output.WriteLine();
        output.WriteLine(RoutingTable.Legend);
        table.Phase = "live";
        Announce(table, output, "Live traffic: three tickets.");
        await HandleAsync(desk, new Queue<string>(Tickets.Today.Take(3)), 3, cancellationToken);
        table.WriteSummary();
        return new IncidentReport(table.Calls, DateTimeOffset.MaxValue);
    }

    private static async Task HandleAsync(ISupportDesk desk, Queue<string> tickets, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count && tickets.TryDequeue(out var ticket); i++)
        {
            // A route that fails for good is shown in the table (FAILED) and counted; the desk moves on to the next ticket.
            try
            {
                var category = (await desk.ClassifyAsync(ticket, cancellationToken)).Trim();
                await desk.DraftReplyAsync(ticket, category, cancellationToken);
                if (category == "billing")
                {
                    await desk.ExtractFieldsAsync(ticket, cancellationToken);
                }
            }
            catch (FailoverException)
            {
            }
        }
    }

    private static void Healthy(ProviderSimulator simulator, string model)
    {
        var latency = s_models.Single(m => m.Model == model).LatencyMs;
        simulator.Model(model).Clear().Reply(Tickets.Answer).Latency(TimeSpan.FromMilliseconds(latency)).Always();
    }

    private static void Announce(RoutingTable table, TextWriter output, string text)
    {
        output.WriteLine();
        output.WriteLine("== " + text);
        table.WriteHeader();
    }

    private static void PrintRoutes(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Routes declared on ISupportDesk (read from the generated route table):");
        foreach (var route in FailoverClientRegistry.RoutesOf<ISupportDesk>())
        {
            output.WriteLine($"  {route.Name,-16} {route.Tier,-14} owner {route.Owner,-19} {route.Criticality,-8}  {string.Join(" -> ", route.Chain)}  ({route.Retry})");
        }
    }
}
