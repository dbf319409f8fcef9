using System;

namespace Failover;

/// <summary>One failure, classified once: the kind plus what the provider said about it.</summary>
/// <param name="Kind">The failure kind that drives the policy.</param>
/// <param name="StatusCode">The HTTP status, when there was one.</param>
/// <param name="ProviderErrorCode">The provider's error code or type, when it sent one.</param>
/// <param name="RetryAfter">The wait the provider asked for, when it asked.</param>
/// <param name="Message">A short description, free of secrets.</param>
public readonly record struct ClassifiedFailure(
    FailureKind Kind,
    int? StatusCode,
    string? ProviderErrorCode,
    TimeSpan? RetryAfter,
    string Message)
{
    /// <summary>Whether a game day injected the failure (<c>Failover:Chaos</c>) rather than the provider.</summary>
    public bool Injected { get; init; }
}
