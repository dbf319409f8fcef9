using System.Net.Http;
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
/// A regression must be a fast red test, not a hang: the handler chain is inspected before any request is sent, and the
/// call then races signals (the route's outcome, a second request to the primary) under a real-time guard. A standard
/// handler left in place waits for its retry delay on the harness's fake clock, which this test never advances, and the
/// call is cancelled before the harness is disposed so that even that case ends.
/// </summary>
public sealed class InheritedResilienceTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30); // real time: a broken test fails instead of hanging

    [Fact]
    public async Task One_engine_attempt_is_one_request_under_an_inherited_standard_resilience_handler()
    {
        var logs = new FakeLoggerProvider();
        // Registered after AddFailover, the order in which it is hardest to undo.
        var h = await Harness.StartAsync(configure: b =>
        {
            b.AddFailoverClient<ISingleAttemptAi>();
            b.Services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
            b.Services.ConfigureHttpClientDefaults(static http => http.AddStandardResilienceHandler());
        }).WaitAsync(Guard);
        // Cancelled, and awaited, before the harness is disposed: a call stuck beneath the engine would otherwise keep the
        // disposal of its resilience pipeline waiting forever (the old form of this test hung there).
        using var call = new CancellationTokenSource();
        Task<RouteResult<string>>? run = null;
        try
        {
            // 1. The mechanism, before any request: no resilience handler is left in the chain of a provider's client.
            foreach (var client in new[] { "failover-openai", "failover-anthropic", "failover-google" })
            {
                var handlers = HandlerChain(h.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(client));
                Assert.DoesNotContain(handlers, static t => (t.Namespace ?? string.Empty).Contains("Resilience", StringComparison.Ordinal) || (t.Namespace ?? string.Empty).StartsWith("Polly", StringComparison.Ordinal));
            }

            // 2. The behaviour: the primary's 500 goes straight to the engine, which falls back. A hidden retry would show as a
            // second request to the primary (signalled by its reply function, which runs for every request it receives).
            var primaryRequests = 0;
            var hiddenRetry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            h.Simulator.Model("gpt-5-mini").Always(SimulatedBehavior.ServerError()).Reply(_ =>
            {
                if (Interlocked.Increment(ref primaryRequests) > 1)
                {
                    hiddenRetry.TrySetResult();
                }

                return "unused";
            });
            h.Simulator.Model("claude-haiku-4-5").Reply("from anthropic");
            var single = FailoverClientRegistry.RoutesOf<ISingleAttemptAi>().Single();

            run = h.RunAsync(single, call.Token);
            Task first;
            try
            {
                first = await Task.WhenAny(run, hiddenRetry.Task).WaitAsync(Guard);
            }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"The route did not finish within {Guard.TotalSeconds} s of real time and the primary received {primaryRequests} request(s): something beneath the engine waits on the fake clock (a resilience handler's retry delay).");
            }

            Assert.False(first == hiddenRetry.Task, "The primary received a second request for one engine attempt: a resilience handler retried underneath the engine.");
            var result = await run.WaitAsync(Guard);
            Assert.Equal("from anthropic", result.Value);
            Assert.Equal(1, h.Simulator.Requests.Count(static r => r.Model == "gpt-5-mini"));
            Assert.Equal(1, h.Simulator.Requests.Count(static r => r.Model == "claude-haiku-4-5"));
            var removed = logs.Collector.GetSnapshot().Where(static r => r.Id.Id == FailoverLogEvents.InheritedResilienceRemoved).Select(static r => r.Message).ToList();
            Assert.Contains(removed, static m => m.Contains("'failover-openai'", StringComparison.Ordinal) && m.Contains("ResilienceHandler", StringComparison.Ordinal));
        }
        finally
        {
            // Polly's pipeline disposal waits for executions in flight, on the fake clock: let a cancelled call end first.
            await call.CancelAsync();
            if (run is not null)
            {
                await Task.WhenAny(run).WaitAsync(Guard);
            }

            await h.DisposeAsync().AsTask().WaitAsync(Guard);
        }
    }

    /// <summary>The types of the delegating handlers from the outermost inwards.</summary>
    private static List<Type> HandlerChain(HttpMessageHandler handler)
    {
        var chain = new List<Type>();
        for (var current = handler as DelegatingHandler; current is not null; current = current.InnerHandler as DelegatingHandler)
        {
            chain.Add(current.GetType());
        }

        return chain;
    }
}
