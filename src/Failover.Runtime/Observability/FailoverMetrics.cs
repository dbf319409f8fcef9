using System;
using System.Diagnostics.Metrics;

namespace Failover;

/// <summary>Failover's instruments on the <see cref="FailoverTelemetry.MeterName"/> meter. Names and units are documented in docs/observability.md.</summary>
internal sealed class FailoverMetrics
{
    private static readonly Lazy<FailoverMetrics> s_shared = new(static () => new FailoverMetrics(new Meter(FailoverTelemetry.MeterName, EngineTelemetry.Version)));

    public FailoverMetrics(Meter meter)
    {
        Requests = meter.CreateCounter<long>("failover.requests", "{request}", "Route calls, by route and final outcome.");
        Fallbacks = meter.CreateCounter<long>("failover.fallbacks", "{fallback}", "Times a route moved on to another model, by the model moved to and the failure that moved it.");
        Failures = meter.CreateCounter<long>("failover.failures", "{failure}", "Failed attempts, by model and failure kind (error.type).");
        Attempts = meter.CreateHistogram<int>("failover.attempts", "{attempt}", "Attempts per route call, retries included.");
        RequestDuration = meter.CreateHistogram<double>("failover.request.duration", "s", "Duration of whole route calls, every attempt and backoff included.");
        Cost = meter.CreateCounter<double>("failover.cost", "USD", "Cost of answered attempts in US dollars, from catalog prices.");
        OperationDuration = meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "GenAI operation duration: one attempt against one model.");
        TokenUsage = meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens used by answered attempts, by gen_ai.token.type (input or output).");
        SkippedEvents = meter.CreateCounter<long>("failover.stream.skipped_events", "{event}", "Malformed stream events a provider skipped while the stream went on, by model.");
    }

    /// <summary>Instruments on a process-wide meter, used when no <see cref="IMeterFactory"/> is registered.</summary>
    public static FailoverMetrics Shared => s_shared.Value;

    /// <summary>Whether any instrument has a listener.</summary>
    public bool AnyEnabled =>
        Requests.Enabled || Fallbacks.Enabled || Failures.Enabled || Attempts.Enabled || RequestDuration.Enabled
        || Cost.Enabled || OperationDuration.Enabled || TokenUsage.Enabled || SkippedEvents.Enabled;

    public Counter<long> Requests { get; }

    public Counter<long> Fallbacks { get; }

    public Counter<long> Failures { get; }

    public Histogram<int> Attempts { get; }

    public Histogram<double> RequestDuration { get; }

    public Counter<double> Cost { get; }

    public Histogram<double> OperationDuration { get; }

    public Histogram<long> TokenUsage { get; }

    public Counter<long> SkippedEvents { get; }
}
