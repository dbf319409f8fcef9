using Failover.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Failover.Integration.Tests;

public interface ISingleAttemptAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "platform")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1)]
    Task<string> AnswerAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> conversation, CancellationToken cancellationToken = default);
}

/// <summary>
/// Aspire's service defaults add the standard resilience handler to every HttpClient. Failover's own clients must not
/// keep it: one engine attempt is exactly one HTTP request, and the engine's retry and fallback decide what happens next.
/// </summary>
public sealed class InheritedResilienceTests
{
    [Fact]
    public async Task One_engine_attempt_is_one_request_under_an_inherited_standard_resilience_handler()
    {
        var logs = new FakeLoggerProvider();
        // Registered after AddFailover, the order in which it is hardest to undo.
        await using var h = await Harness.StartAsync(configure: b =>
        {
            b.AddFailoverClient<ISingleAttemptAi>();
            b.Services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
            b.Services.ConfigureHttpClientDefaults(static http => http.AddStandardResilienceHandler());
        });
        h.Simulator.Model("gpt-5-mini").Always(SimulatedBehavior.ServerError());
        h.Simulator.Model("claude-haiku-4-5").Reply("from anthropic");
        var single = FailoverClientRegistry.RoutesOf<ISingleAttemptAi>().Single();

        // A standard handler would retry the 500 after a delay on the (fake) clock and never finish: the guard turns that into a failure.
        var result = await h.RunAsync(single).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("from anthropic", result.Value);
        Assert.Equal(1, h.Simulator.Requests.Count(static r => r.Model == "gpt-5-mini"));
        Assert.Equal(1, h.Simulator.Requests.Count(static r => r.Model == "claude-haiku-4-5"));
        var removed = logs.Collector.GetSnapshot().Where(static r => r.Id.Id == FailoverLogEvents.InheritedResilienceRemoved).Select(static r => r.Message).ToList();
        Assert.Contains(removed, static m => m.Contains("'failover-openai'", StringComparison.Ordinal) && m.Contains("ResilienceHandler", StringComparison.Ordinal));
    }
}
