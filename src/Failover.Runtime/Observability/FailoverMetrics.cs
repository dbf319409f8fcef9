using System;
using System.Diagnostics.Metrics;

namespace Failover;

/// <summary>Failover's instruments on the <see cref="FailoverTelemetry.MeterName"/> meter. Names and units are documented in docs/observability.md.</summary>
internal sealed class FailoverMetrics
{
    private static readonly Lazy<FailoverMetrics> s_shared = new(static () => new FailoverMetrics(new Meter(FailoverTelemetry.MeterName, EngineTelemetry.Version)));

    /// <summary>
    /// Bucket boundaries of one GenAI operation, in seconds: those the OpenTelemetry GenAI semantic conventions advise for
    /// <c>gen_ai.client.operation.duration</c> (as Microsoft.Extensions.AI's OpenTelemetryChatClient uses), 10 ms doubling to 82 s.
    /// The default buckets (0, 5, 10 ... 10000) would put nearly every model call in the first two.
    /// </summary>
    internal static readonly double[] OperationDurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>Bucket boundaries of whole route calls, in seconds: the operation buckets, continued to cover backoffs and several attempts (up to the 3 minute default total timeout and beyond).</summary>
    internal static readonly double[] RequestDurationBuckets = [.. OperationDurationBuckets, 163.84, 327.68];

    /// <summary>Bucket boundaries of <c>gen_ai.client.token.usage</c>: the semantic conventions' advice, powers of 4 from 1 to 67,108,864.</summary>
    internal static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    /// <summary>Bucket boundaries of attempts per call: every small count on its own.</summary>
    internal static readonly int[] AttemptBuckets = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20];

    public FailoverMetrics(Meter meter)
    {
        Requests = meter.CreateCounter<long>("failover.requests", "{request}", "Route calls, by route and final outcome.");
        Fallbacks = meter.CreateCounter<long>("failover.fallbacks", "{fallback}", "Times a route moved on to another model, by the model moved to and the failure that moved it.");
        Failures = meter.CreateCounter<long>("failover.failures", "{failure}", "Failed attempts, by model and failure kind (error.type).");
        Attempts = meter.CreateHistogram("failover.attempts", "{attempt}", "Attempts per route call, retries included.", null, new InstrumentAdvice<int> { HistogramBucketBoundaries = AttemptBuckets });
        RequestDuration = meter.CreateHistogram("failover.request.duration", "s", "Duration of whole route calls, every attempt and backoff included.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestDurationBuckets });
        Cost = meter.CreateCounter<double>("failover.cost", "USD", "Cost of answered attempts in US dollars, from catalog prices.");
        OperationDuration = meter.CreateHistogram("gen_ai.client.operation.duration", "s", "GenAI operation duration: one attempt against one model.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = OperationDurationBuckets });
        TokenUsage = meter.CreateHistogram("gen_ai.client.token.usage", "{token}", "Tokens used by answered attempts, by gen_ai.token.type (input or output).", null, new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
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
