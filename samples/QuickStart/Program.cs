using Failover;
using Microsoft.Extensions.DependencyInjection;
using QuickStart;

// The incident: OpenAI is overloaded (503) and the Anthropic key was revoked (401). Gemini still answers.
var attempts = new AttemptPrinter();
var services = new ServiceCollection();
services.AddSingleton<IRoutingEventSink>(attempts);
services.AddFailover(failover => failover
        .AddProvider("openai", new IncidentChatClient("openai", failWithStatus: 503))
        .AddProvider("anthropic", new IncidentChatClient("anthropic", failWithStatus: 401, errorCode: "authentication_error"))
        .AddProvider("google", new IncidentChatClient("google", failWithStatus: null)))
    .AddFailoverClient<ISupportAi>();

using var provider = services.BuildServiceProvider();
var support = provider.GetRequiredService<ISupportAi>();

var label = await support.ClassifyAsync("I was charged twice for my subscription this month.");
Console.WriteLine($"Answer: {label}");
return label == "billing" ? 0 : 1;

/// <summary>Prints each attempt as the engine reports it.</summary>
internal sealed class AttemptPrinter : IRoutingEventSink
{
    public void OnEvent(RoutingEvent e)
    {
        switch (e.Kind)
        {
            case RoutingEventKind.Attempt:
                Console.WriteLine(e.Failure == FailureKind.None
                    ? $"  attempt {e.AttemptNumber}: {e.Model!.Id,-28} served in {e.Latency.TotalMilliseconds:0} ms, {e.InputTokens}+{e.OutputTokens} tokens, ${e.Cost:0.000000}"
                    : $"  attempt {e.AttemptNumber}: {e.Model!.Id,-28} {e.Failure} (HTTP {e.StatusCode}), {(FailurePolicy.IsTransient(e.Failure) ? "transient" : "not retried")}");
                break;
            case RoutingEventKind.Skipped:
                Console.WriteLine($"  skipped:   {e.Model!.Id,-28} {e.Reason}");
                break;
            case RoutingEventKind.Completed:
                Console.WriteLine($"Route {e.Route.Name}: {e.Outcome} by {e.Model?.Id ?? "nobody"} after {e.AttemptCount} attempts");
                break;
        }
    }
}
