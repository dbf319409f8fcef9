using Microsoft.Extensions.Logging;

namespace Failover;

/// <summary>Source-generated log messages about provider setup (category <c>Failover.Providers</c>).</summary>
internal static partial class ProviderLog
{
    [LoggerMessage(EventId = FailoverLogEvents.DuplicateGenAITelemetry, EventName = "DuplicateGenAITelemetry", Level = LogLevel.Warning,
        Message = "Provider '{Provider}' is wrapped with UseOpenTelemetry, and Failover already traces every attempt as a GenAI span (gen_ai.* attributes, activity source 'Failover'): each attempt now has two GenAI spans and gen_ai.client.* metrics count it twice. Remove UseOpenTelemetry from the provider's pipeline, or keep it and do not listen to both (see docs/observability.md).")]
    public static partial void DuplicateGenAITelemetry(ILogger logger, string provider);
}
