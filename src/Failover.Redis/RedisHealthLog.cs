using Microsoft.Extensions.Logging;

namespace Failover.Redis;

/// <summary>The store's log messages (category <c>Failover.Redis</c>). None of them carries a password or connection string.</summary>
internal static partial class RedisHealthLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "The Redis health store cannot reach Redis ({Reason}); routing goes on with this instance's own health and budgets, and sharing resumes by itself when Redis is back.")]
    public static partial void Degraded(ILogger logger, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "The Redis health store reaches Redis again; sharing of health and budgets resumed.")]
    public static partial void Resumed(ILogger logger);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Redis at {Endpoint} refused the health store's authentication; check the user and password of the connection string. Routing goes on with this instance's own health.")]
    public static partial void AuthenticationFailed(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Redis key '{Key}' under the health store's prefix holds data that is not Failover's; it is left alone and ignored. Give the store a KeyPrefix no other application uses.")]
    public static partial void ForeignKey(ILogger logger, string key);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Redis key '{Key}' holds a value the health store cannot read ({Detail}); it is ignored and this instance's own state is used.")]
    public static partial void Corrupt(ILogger logger, string key, string detail);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "The Redis health store's write queue is full ({Capacity} updates); further updates are dropped until it drains. This instance's own health is unaffected.")]
    public static partial void QueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "A Redis health store call failed ({Reason}); this instance's own state is used.")]
    public static partial void CallFailed(ILogger logger, string reason);
}
