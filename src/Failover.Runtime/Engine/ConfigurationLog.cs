using Microsoft.Extensions.Logging;

namespace Failover;

/// <summary>Source-generated log messages about configuration changes.</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(EventId = FailoverLogEvents.ConfigurationRejected, EventName = "ConfigurationRejected", Level = LogLevel.Error, Message = "Failover configuration change rejected; the last good configuration stays in force. Problems: {Problems}")]
    public static partial void ChangeRejected(ILogger logger, string problems);

    [LoggerMessage(EventId = FailoverLogEvents.ConfigurationApplied, EventName = "ConfigurationApplied", Level = LogLevel.Information, Message = "Failover configuration change applied.")]
    public static partial void ChangeApplied(ILogger logger);
}
