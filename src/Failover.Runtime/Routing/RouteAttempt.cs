using System;

namespace Failover;

/// <summary>One try of one model within a route call.</summary>
public sealed class RouteAttempt
{
    /// <summary>The 1-based number of the attempt within the call, retries included.</summary>
    public required int Number { get; init; }

    /// <summary>The model tried.</summary>
    public required ModelTarget Model { get; init; }

    /// <summary>The model's role in the route's plan (primary, fallback, canary or hedge).</summary>
    public SlotRole Role { get; init; }

    /// <summary>How long the attempt took.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The failure, or <see cref="FailureKind.None"/> when the attempt served the call.</summary>
    public FailureKind Failure { get; init; }

    /// <summary>The HTTP status of a failure, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The provider's error code or type.</summary>
    public string? ProviderErrorCode { get; init; }

    /// <summary>A short, secret-free description of the failure.</summary>
    public string? Message { get; init; }

    /// <summary>Input tokens billed; zero for attempts that failed before an answer.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens billed; zero for attempts that failed before an answer.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The cost of the attempt in US dollars, when the catalog knew the prices.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Whether this attempt served the call.</summary>
    public bool Succeeded => Failure == FailureKind.None;

    /// <inheritdoc/>
    public override string ToString() =>
        Succeeded
            ? $"#{Number} {Model.Id}: ok in {Latency.TotalMilliseconds:0} ms"
            : $"#{Number} {Model.Id}: {Failure}{(StatusCode is { } s ? $" (HTTP {s})" : string.Empty)} after {Latency.TotalMilliseconds:0} ms{(Message is null ? string.Empty : " - " + Message)}";
}
