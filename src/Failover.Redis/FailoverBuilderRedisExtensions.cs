using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Failover.Redis;

/// <summary>Shares model health and rate budgets across the instances of an app through Redis.</summary>
public static class FailoverBuilderRedisExtensions
{
    /// <summary>
    /// Replaces the in-memory health store with <see cref="RedisRouteHealthStore"/> over a connection the store opens
    /// itself (and closes when the service provider is disposed). The connection string is checked here; the connection
    /// is opened when the engine is first resolved, and never fails startup: an unreachable Redis is logged once and
    /// routing uses local state until Redis answers (<c>abortConnect=false</c> is forced).
    /// </summary>
    /// <param name="builder">The Failover builder.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string, such as <c>localhost:6379,password=...</c>.</param>
    /// <param name="configure">Changes the store's settings: key prefix, refresh interval, ...</param>
    /// <exception cref="ArgumentException">The connection string cannot be read.</exception>
    public static FailoverBuilder UseRedisHealthStore(this FailoverBuilder builder, string connectionString, Action<RedisHealthStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(connectionString);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or NotSupportedException)
        {
            // The message of StackExchange.Redis names the bad keyword; the string itself may hold a password and is not repeated.
            throw new ArgumentException($"The Redis connection string of the Failover health store cannot be read: {error.Message} Use the StackExchange.Redis form, such as 'localhost:6379,password=...'.", nameof(connectionString), error);
        }

        if (parsed.EndPoints.Count == 0)
        {
            throw new ArgumentException("The Redis connection string of the Failover health store names no endpoint; use the StackExchange.Redis form, such as 'localhost:6379,password=...'.", nameof(connectionString));
        }

        parsed.AbortOnConnectFail = false;
        return builder.UseRedisHealthStore(_ => Connect(parsed), ownsConnection: true, configure);
    }

    /// <summary>
    /// Replaces the in-memory health store with <see cref="RedisRouteHealthStore"/> over an existing connection (which
    /// the app keeps owning). Create it with <c>AbortOnConnectFail = false</c> so that it reconnects by itself.
    /// </summary>
    public static FailoverBuilder UseRedisHealthStore(this FailoverBuilder builder, IConnectionMultiplexer connection, Action<RedisHealthStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        return builder.UseRedisHealthStore(_ => (connection, false), ownsConnection: false, configure);
    }

    private static (IConnectionMultiplexer Connection, bool AuthenticationFailed) Connect(ConfigurationOptions options)
    {
        // The first connection's failures happen before the store can listen to the connection's events: the connect
        // log is the one place that says the server refused the password.
        using var log = new System.IO.StringWriter();
        var connection = ConnectionMultiplexer.Connect(options, log);
        var refused = !connection.IsConnected && log.ToString().Contains(nameof(ConnectionFailureType.AuthenticationFailure), StringComparison.Ordinal);
        return (connection, refused);
    }

    private static FailoverBuilder UseRedisHealthStore(this FailoverBuilder builder, Func<IServiceProvider, (IConnectionMultiplexer Connection, bool AuthenticationFailed)> connect, bool ownsConnection, Action<RedisHealthStoreOptions>? configure)
    {
        var settings = new RedisHealthStoreOptions();
        configure?.Invoke(settings);
        settings.Validate();

        var services = builder.Services;
        services.RemoveAll<IRouteHealthStore>();
        services.AddSingleton<IRouteHealthStore>(sp =>
        {
            var (connection, authenticationFailed) = connect(sp);
            return new RedisRouteHealthStore(
                connection,
                ownsConnection,
                sp.GetRequiredService<IOptionsMonitor<FailoverOptions>>(),
                settings,
                sp.GetService<TimeProvider>() ?? TimeProvider.System, // clock: the app's registered TimeProvider; the system clock only when none is registered
                sp.GetService<ILoggerFactory>()?.CreateLogger("Failover.Redis"),
                authenticationFailed);
        });
        return builder;
    }
}
