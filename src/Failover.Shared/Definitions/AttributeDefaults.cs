// One definition, compiled twice: the runtime's attributes initialise their properties from it, and the shared route
// parser assumes the same values for a property the user did not set.
#if FAILOVER_RUNTIME
namespace Failover;
#else
namespace Failover.CodeAnalysis;
#endif

/// <summary>The values an attribute property has when the declaration does not set it.</summary>
internal static class AttributeDefaults
{
    /// <summary><c>[Retry] MaxAttempts</c>: the first attempt and one retry.</summary>
    public const int RetryMaxAttempts = 2;

    /// <summary><c>[Retry] BaseDelayMs</c>.</summary>
    public const int RetryBaseDelayMs = 200;

    /// <summary><c>[Retry] MaxDelayMs</c>.</summary>
    public const int RetryMaxDelayMs = 5000;

    /// <summary><c>[Retry] Jitter</c>.</summary>
    public const bool RetryJitter = true;

    /// <summary><c>[Hedge] AfterMs</c>.</summary>
    public const int HedgeAfterMs = 2000;

    /// <summary><c>[Canary] Percent</c>.</summary>
    public const double CanaryPercent = 5;

    /// <summary><c>[ModelRoute] Criticality</c>.</summary>
    public const Criticality RouteCriticality = Criticality.Normal;
}
