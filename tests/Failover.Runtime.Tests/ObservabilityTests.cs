using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;
using static Failover.Runtime.Tests.EngineFixture;

namespace Failover.Runtime.Tests;

/// <summary>
/// Exact logs, metric points and spans for a call that fails over twice then succeeds, and for one that is exhausted.
/// Metrics come from the container's own IMeterFactory and spans are filtered by this test's trace id, so tests running
/// in parallel never leak into each other's assertions.
/// </summary>
public sealed class ObservabilityTests
{
    private const string Primary = "openai/gpt-5-mini";
    private const string First = "anthropic/claude-haiku-4-5";
    private const string Second = "google/gemini-2.5-flash";

    private static readonly ActivitySource TestSource = new("Failover.Tests.Observability");

    [Fact]
    public async Task Two_fallbacks_then_success_logs_exactly_these_events()
    {
        using var t = new Telemetry();
        t.ScriptTwoFallbacksThenSuccess();

        await t.F.RunAsync(Route(Primary, First, Second));

        Assert.Equal(
        [
            "1001 Warning AttemptFailed: Route Tests.Route attempt 1 on openai/gpt-5-mini failed: Overloaded (status 503, provider code overloaded_error) after 200 ms",
            "1002 Information FallbackTaken: Route Tests.Route falls back from openai/gpt-5-mini to anthropic/claude-haiku-4-5 after Overloaded",
            "1001 Warning AttemptFailed: Route Tests.Route attempt 2 on anthropic/claude-haiku-4-5 failed: RateLimited (status 429, provider code rate_limit_exceeded) after 100 ms",
            "1002 Information FallbackTaken: Route Tests.Route falls back from anthropic/claude-haiku-4-5 to google/gemini-2.5-flash after RateLimited",
            "1005 Information RouteServedByFallback: Route Tests.Route served by fallback google/gemini-2.5-flash in 350 ms after 3 attempt(s); tokens 10 in, 5 out; cost 0.00005 USD",
        ], t.Logs());
        Assert.All(t.Collector.GetSnapshot(), r => Assert.Equal(FailoverTelemetry.LogCategory, r.Category));
    }

    [Fact]
    public async Task Two_fallbacks_then_success_records_exactly_these_metric_points()
    {
        using var t = new Telemetry();
        using var requests = t.Collect<long>("failover.requests");
        using var fallbacks = t.Collect<long>("failover.fallbacks");
        using var failures = t.Collect<long>("failover.failures");
        using var attempts = t.Collect<int>("failover.attempts");
        using var duration = t.Collect<double>("failover.request.duration");
        using var cost = t.Collect<double>("failover.cost");
        using var operation = t.Collect<double>("gen_ai.client.operation.duration");
        using var tokens = t.Collect<long>("gen_ai.client.token.usage");
        t.ScriptTwoFallbacksThenSuccess();

        await t.F.RunAsync(Route(Primary, First, Second));

        Assert.Equal(["1 {failover.outcome=served_by_fallback, failover.route=Tests.Route, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash}"], Points(requests));
        Assert.Equal(
        [
            "1 {error.type=overloaded, failover.route=Tests.Route, gen_ai.provider.name=anthropic, gen_ai.request.model=claude-haiku-4-5}",
            "1 {error.type=rate_limited, failover.route=Tests.Route, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash}",
        ], Points(fallbacks));
        Assert.Equal(
        [
            "1 {error.type=overloaded, failover.route=Tests.Route, gen_ai.provider.name=openai, gen_ai.request.model=gpt-5-mini}",
            "1 {error.type=rate_limited, failover.route=Tests.Route, gen_ai.provider.name=anthropic, gen_ai.request.model=claude-haiku-4-5}",
        ], Points(failures));
        Assert.Equal(["3 {failover.outcome=served_by_fallback, failover.route=Tests.Route, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash}"], Points(attempts));
        Assert.Equal(["0.35 {failover.outcome=served_by_fallback, failover.route=Tests.Route, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash}"], Points(duration));
        Assert.Equal(["5E-05 {failover.route=Tests.Route, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash}"], Points(cost));
        Assert.Equal(
        [
            "0.2 {error.type=overloaded, failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=openai, gen_ai.request.model=gpt-5-mini}",
            "0.1 {error.type=rate_limited, failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=anthropic, gen_ai.request.model=claude-haiku-4-5}",
            "0.05 {failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash}",
        ], Points(operation));
        Assert.Equal(
        [
            "10 {failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash, gen_ai.token.type=input}",
            "5 {failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash, gen_ai.token.type=output}",
        ], Points(tokens));
    }

    [Fact]
    public async Task Two_fallbacks_then_success_traces_a_route_span_with_one_child_span_per_attempt()
    {
        using var t = new Telemetry();
        t.ScriptTwoFallbacksThenSuccess();

        var spans = await t.TraceAsync(() => t.F.RunAsync(Route(Primary, First, Second)));

        Assert.Equal(
        [
            "chat gpt-5-mini [Client, Error overloaded] {error.type=overloaded, failover.attempt=1, failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=openai, gen_ai.request.model=gpt-5-mini}",
            "chat claude-haiku-4-5 [Client, Error rate_limited] {error.type=rate_limited, failover.attempt=2, failover.fallback.reason=overloaded, failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=anthropic, gen_ai.request.model=claude-haiku-4-5}",
            "chat gemini-2.5-flash [Client, Unset] {failover.attempt=3, failover.cost=5E-05, failover.fallback.reason=rate_limited, failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=google, gen_ai.request.model=gemini-2.5-flash, gen_ai.response.model=gemini-2.5-flash, gen_ai.usage.input_tokens=10, gen_ai.usage.output_tokens=5}",
            "failover.route Tests.Route [Internal, Unset] {failover.attempts=3, failover.cost=5E-05, failover.fallback.reason=overloaded, failover.outcome=served_by_fallback, failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=openai, gen_ai.request.model=gpt-5-mini, gen_ai.response.model=gemini-2.5-flash, gen_ai.usage.input_tokens=10, gen_ai.usage.output_tokens=5}",
        ], spans.Select(Render));
        var route = spans[^1];
        Assert.All(spans.Take(3), s => Assert.Equal(route.SpanId, s.ParentSpanId));
    }

    [Fact]
    public async Task An_exhausted_route_logs_an_error_counts_a_failed_request_and_marks_the_span_as_an_error()
    {
        using var t = new Telemetry();
        using var requests = t.Collect<long>("failover.requests");
        using var failures = t.Collect<long>("failover.failures");
        using var cost = t.Collect<double>("failover.cost");
        using var tokens = t.Collect<long>("gen_ai.client.token.usage");
        t.F.OpenAI.Then("gpt-5-mini", t.FailAfter(FailureKind.ServerError, 500, 100));
        t.F.Anthropic.Then("claude-haiku-4-5", t.FailAfter(FailureKind.Overloaded, 529, 100, "overloaded_error"));
        t.F.Google.Then("gemini-2.5-flash", t.FailAfter(FailureKind.ServerError, 500, 100));

        List<Activity> spans = [];
        spans = await t.TraceAsync(async () => await Assert.ThrowsAsync<FailoverException>(() => t.F.RunAsync(Route(Primary, First, Second))));

        Assert.Equal(string.Join("\n", new[]
        {
            "1001 Warning AttemptFailed: Route Tests.Route attempt 1 on openai/gpt-5-mini failed: ServerError (status 500, provider code none) after 100 ms",
            "1002 Information FallbackTaken: Route Tests.Route falls back from openai/gpt-5-mini to anthropic/claude-haiku-4-5 after ServerError",
            "1001 Warning AttemptFailed: Route Tests.Route attempt 2 on anthropic/claude-haiku-4-5 failed: Overloaded (status 529, provider code overloaded_error) after 100 ms",
            "1002 Information FallbackTaken: Route Tests.Route falls back from anthropic/claude-haiku-4-5 to google/gemini-2.5-flash after Overloaded",
            "1001 Warning AttemptFailed: Route Tests.Route attempt 3 on google/gemini-2.5-flash failed: ServerError (status 500, provider code none) after 100 ms",
            "1007 Error RouteExhausted: Route Tests.Route failed after 3 attempt(s) in 300 ms; last failure ServerError",
        }), string.Join("\n", t.Logs()));
        Assert.Equal(["1 {error.type=server_error, failover.outcome=failed, failover.route=Tests.Route}"], Points(requests));
        Assert.Equal(3, failures.GetMeasurementSnapshot().Count);
        Assert.Empty(cost.GetMeasurementSnapshot());
        Assert.Empty(tokens.GetMeasurementSnapshot());
        Assert.Equal(
            "failover.route Tests.Route [Internal, Error server_error] {error.type=server_error, failover.attempts=3, failover.outcome=failed, failover.route=Tests.Route, gen_ai.operation.name=chat, gen_ai.provider.name=openai, gen_ai.request.model=gpt-5-mini, gen_ai.usage.input_tokens=0, gen_ai.usage.output_tokens=0}",
            Render(spans[^1]));
        Assert.Equal(["Error", "Error", "Error"], spans.Take(3).Select(static s => s.Status.ToString()));
    }

    [Fact]
    public async Task Failed_attempts_are_never_billed_but_an_unreadable_answer_that_was_paid_for_is()
    {
        using var t = new Telemetry();
        t.F.OpenAI.FailHttp("gpt-5-mini", FailureKind.Overloaded, 503);
        t.F.Anthropic.Reply("claude-haiku-4-5", string.Empty, 7, 0);
        t.F.Google.Reply("gemini-2.5-flash", "ok", 10, 5);

        var result = await t.F.RunAsync(Route(Primary, First, Second));

        var attempts = t.F.Events.Events.Where(static e => e.Kind == RoutingEventKind.Attempt).ToList();
        Assert.Equal(["Overloaded 0/0 -", "InvalidResponse 7/0 0.000021", "None 10/5 0.00005"],
            attempts.Select(static e => $"{e.Failure} {e.InputTokens}/{e.OutputTokens} {(e.Cost is { } c ? c.ToString(CultureInfo.InvariantCulture) : "-")}"));
        Assert.Equal(0.000071m, result.Cost);
        var completed = t.F.Events.Events[^1];
        Assert.Equal((RoutingEventKind.Completed, 0.000071m, 17L, 5L), (completed.Kind, completed.Cost, completed.InputTokens, completed.OutputTokens));
        Assert.Equal("google", completed.Provider);
        Assert.False(completed.Hedged || completed.Canary || completed.Degraded);
    }

    [Fact]
    public async Task A_skipped_model_is_logged_and_added_to_the_route_span_as_an_event()
    {
        using var t = new Telemetry();
        t.F.OpenAI.FailHttp("gpt-5-mini", FailureKind.Auth, 401, "invalid_api_key");
        t.F.Anthropic.Reply("claude-haiku-4-5", "ok");

        var spans = await t.TraceAsync(() => t.F.RunAsync(Route(Primary, "openai/gpt-5", First)));

        Assert.Contains("1003 Information ModelSkipped: Route Tests.Route skipped openai/gpt-5: provider 'openai' already failed authentication or quota", t.Logs());
        Assert.Contains("1002 Information FallbackTaken: Route Tests.Route falls back from openai/gpt-5-mini to anthropic/claude-haiku-4-5 after Auth", t.Logs());
        var skipped = Assert.Single(spans[^1].Events);
        Assert.Equal("failover.model_skipped {failover.skipped.model=openai/gpt-5, failover.skipped.reason=provider 'openai' already failed authentication or quota}",
            skipped.Name + " " + Tags(skipped.Tags));
        Assert.Equal("auth", spans[1].GetTagItem("failover.fallback.reason"));
    }

    [Fact]
    public async Task Prompts_and_completions_are_not_logged_by_default()
    {
        using var t = new Telemetry();
        t.F.OpenAI.Reply("gpt-5-mini", "the secret completion");

        await t.F.RunAsync(Route(Primary, First));

        Assert.Equal(["1004 Debug RouteServed: Route Tests.Route served by openai/gpt-5-mini in 0 ms after 1 attempt(s); tokens 10 in, 5 out; cost 0.00002 USD"], t.Logs());
        Assert.DoesNotContain(t.Collector.GetSnapshot(), r => r.Message.Contains("hello", StringComparison.Ordinal) || r.Message.Contains("secret completion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_LogContent_on_the_prompt_and_completion_are_logged_at_debug()
    {
        using var t = new Telemetry(logContent: true);
        t.F.OpenAI.Reply("gpt-5-mini", "the completion");

        await t.F.RunAsync(Route(Primary, First));

        Assert.Equal(
        [
            "1101 Debug PromptContent: Route Tests.Route prompt:\nuser: hello",
            "1102 Debug CompletionContent: Route Tests.Route attempt 1 completion from openai/gpt-5-mini:\nthe completion",
            "1004 Debug RouteServed: Route Tests.Route served by openai/gpt-5-mini in 0 ms after 1 attempt(s); tokens 10 in, 5 out; cost 0.00002 USD",
        ], t.Logs());
    }

    [Fact]
    public async Task With_LogContent_on_a_model_with_its_own_prompt_variant_logs_the_prompt_it_was_really_sent()
    {
        using var t = new Telemetry(logContent: true);
        t.F.OpenAI.FailHttp("gpt-5-mini", FailureKind.ModelUnavailable, 404);
        t.F.Anthropic.Reply("claude-haiku-4-5", "the completion");
        var route = new RouteDescriptor
        {
            Name = "Tests.Route",
            Interface = "Tests.IRoutes",
            Method = "RunAsync",
            Primary = new ModelTarget(Primary),
            Fallbacks = [new ModelTarget(First)],
            PromptVariants = ["anthropic"],
        };
        var messages = new PromptMessages(2, hasSystem: true, hasPrompt: true)
        {
            new(ChatRole.System, "default system"),
            new(ChatRole.User, "hello"),
        };
        messages.AddVariant("anthropic system", null);

        await t.F.Engine.RunAsync(route, messages, ResponseReaders.Text);

        var content = t.Logs().Where(static l => l.StartsWith("110", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "1101 Debug PromptContent: Route Tests.Route prompt:\nsystem: default system\nuser: hello",
            "1103 Debug PromptVariantContent: Route Tests.Route prompt for anthropic/claude-haiku-4-5 (its variant For = \"anthropic\"):\nsystem: anthropic system\nuser: hello",
            "1102 Debug CompletionContent: Route Tests.Route attempt 2 completion from anthropic/claude-haiku-4-5:\nthe completion",
        ], content);
    }

    [Fact]
    public async Task User_sinks_still_receive_every_event_next_to_the_built_in_telemetry()
    {
        using var t = new Telemetry();
        t.ScriptTwoFallbacksThenSuccess();

        await t.F.RunAsync(Route(Primary, First, Second));

        Assert.Equal(["Attempt", "Attempt", "Attempt", "Completed"], t.F.Events.Events.Select(static e => e.Kind.ToString()));
        Assert.NotEmpty(t.Logs());
    }

    [Fact]
    public async Task An_api_key_appears_in_no_log_line_span_attribute_metric_tag_or_exception_message()
    {
        const string key = "sk-test-DO-NOT-LEAK-4f2a9c";
        var keyed = new KeyHoldingClient(key);
        using var t = new Telemetry(configureBuilder: b => b.AddProvider("openai", _ => keyed));
        var tags = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FailoverTelemetry.MeterName && instrument.Meter.Scope == t.MeterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, recorded, _) => { lock (tags) { foreach (var tag in recorded) { tags.Add($"{tag.Key}={tag.Value}"); } } });
        listener.SetMeasurementEventCallback<double>((_, _, recorded, _) => { lock (tags) { foreach (var tag in recorded) { tags.Add($"{tag.Key}={tag.Value}"); } } });
        listener.SetMeasurementEventCallback<int>((_, _, recorded, _) => { lock (tags) { foreach (var tag in recorded) { tags.Add($"{tag.Key}={tag.Value}"); } } });
        listener.Start();
        t.F.Anthropic.FailHttp("claude-haiku-4-5", FailureKind.Overloaded, 503);

        FailoverException? error = null;
        var spans = await t.TraceAsync(async () => error = await Assert.ThrowsAsync<FailoverException>(() => t.F.RunAsync(Route(Primary, First))));

        Assert.Equal(1, keyed.Calls);
        var emitted = new List<string> { error!.ToString(), error.Message };
        emitted.AddRange(t.Collector.GetSnapshot().Select(static r => r.Message + " " + string.Join(",", r.StructuredState ?? [])));
        emitted.AddRange(spans.SelectMany(static s => s.TagObjects.Select(static kv => $"{kv.Key}={kv.Value}").Append(s.DisplayName).Append(s.StatusDescription ?? string.Empty)));
        emitted.AddRange(t.F.Events.Events.Select(static e => $"{e.Reason} {e.ProviderErrorCode}"));
        lock (tags)
        {
            emitted.AddRange(tags);
        }

        Assert.NotEmpty(tags);
        Assert.NotEmpty(spans);
        Assert.All(emitted, text => Assert.DoesNotContain(key, text, StringComparison.Ordinal));
        Assert.All(emitted, text => Assert.DoesNotContain("DO-NOT-LEAK", text, StringComparison.Ordinal));
    }

    private static List<string> Points<T>(MetricCollector<T> collector)
        where T : struct =>
        collector.GetMeasurementSnapshot().Select(static m => $"{Convert.ToString(m.Value, CultureInfo.InvariantCulture)} {Tags(m.Tags)}").ToList();

    private static string Tags(IEnumerable<KeyValuePair<string, object?>> tags) =>
        "{" + string.Join(", ", tags.OrderBy(static t => t.Key, StringComparer.Ordinal).Select(static t => $"{t.Key}={Convert.ToString(t.Value, CultureInfo.InvariantCulture)}")) + "}";

    private static string Render(Activity span) =>
        $"{span.DisplayName} [{span.Kind}, {span.Status}{(span.StatusDescription is null ? string.Empty : " " + span.StatusDescription)}] {Tags(span.TagObjects)}";

    /// <summary>An engine with fake logging at Trace, a container meter factory and a tracer provider with the in-memory exporter.</summary>
    private sealed class Telemetry : IDisposable
    {
        private readonly List<Activity> _exported = [];
        private readonly TracerProvider _tracing;

        public Telemetry(bool logContent = false, Action<FailoverBuilder>? configureBuilder = null)
        {
            F = new EngineFixture(
                configure: logContent ? static o => o.LogContent = true : null,
                providers: b =>
                {
                    b.Services.AddLogging(static l => l.SetMinimumLevel(LogLevel.Trace));
                    b.Services.AddFakeLogging();
                    b.Services.AddMetrics();
                    configureBuilder?.Invoke(b);
                });
            _tracing = Sdk.CreateTracerProviderBuilder().AddSource(FailoverTelemetry.ActivitySourceName, TestSource.Name).AddInMemoryExporter(_exported).Build()!;
        }

        public EngineFixture F { get; }

        public FakeLogCollector Collector => F.Services.GetRequiredService<FakeLogCollector>();

        public IMeterFactory MeterFactory => F.Services.GetRequiredService<IMeterFactory>();

        public MetricCollector<T> Collect<T>(string instrument)
            where T : struct => new(MeterFactory, FailoverTelemetry.MeterName, instrument);

        public List<string> Logs() =>
            Collector.GetSnapshot().Select(static r => $"{r.Id.Id} {r.Level} {r.Id.Name}: {r.Message}").ToList();

        /// <summary>Runs <paramref name="run"/> under a root span of its own and returns the Failover spans of that trace, in the order they ended.</summary>
        public async Task<List<Activity>> TraceAsync(Func<Task> run)
        {
            ActivityTraceId trace;
            using (var root = TestSource.StartActivity("test root"))
            {
                Assert.NotNull(root);
                trace = root.TraceId;
                await run();
            }

            _tracing.ForceFlush();
            lock (_exported)
            {
                return _exported.Where(a => a.TraceId == trace && a.Source.Name == FailoverTelemetry.ActivitySourceName).ToList();
            }
        }

        public Func<IEnumerable<ChatMessage>, CancellationToken, Task<ChatResponse>> FailAfter(FailureKind kind, int status, int milliseconds, string? code = null) =>
            (_, _) =>
            {
                F.Time.Advance(TimeSpan.FromMilliseconds(milliseconds));
                return Task.FromException<ChatResponse>(new ProviderException(kind, $"HTTP {status}", status, code));
            };

        public void ScriptTwoFallbacksThenSuccess()
        {
            F.OpenAI.Then("gpt-5-mini", FailAfter(FailureKind.Overloaded, 503, 200, "overloaded_error"));
            F.Anthropic.Then("claude-haiku-4-5", FailAfter(FailureKind.RateLimited, 429, 100, "rate_limit_exceeded"));
            F.Google.Then("gemini-2.5-flash", (_, _) =>
            {
                F.Time.Advance(TimeSpan.FromMilliseconds(50));
                return Task.FromResult(ScriptedChatClient.Answer("served", 10, 5));
            });
        }

        public void Dispose()
        {
            _tracing.Dispose();
            F.Dispose();
        }
    }

    /// <summary>Holds an API key the way an SDK client does, and fails with an authentication error that does not echo it.</summary>
    private sealed class KeyHoldingClient(string apiKey) : IChatClient
    {
        public string ApiKey { get; } = apiKey;

        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            Assert.False(string.IsNullOrEmpty(ApiKey));
            return Task.FromException<ChatResponse>(new ProviderException(FailureKind.Auth, "HTTP 401: Incorrect API key provided.", 401, "invalid_api_key"));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
