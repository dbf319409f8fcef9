using System;

namespace Failover.Redis;

/// <summary>Settings of the Redis health store (<see cref="RedisRouteHealthStore"/>).</summary>
public sealed class RedisHealthStoreOptions
{
    /// <summary>
    /// The prefix of every key and channel the store uses, so several apps (or environments) can share one Redis. Wrap
    /// it in braces, such as <c>{myapp}</c>, to keep every key in one hash slot on Redis Cluster.
    /// </summary>
    /// <value>The default is <c>failover</c>.</value>
    public string KeyPrefix { get; set; } = "failover";

    /// <summary>
    /// How often each instance re-reads the shared health of the models it knows, a safety net for a missed
    /// invalidation message (pub/sub is at most once).
    /// </summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many health updates may wait to be written; further updates are dropped (and logged once) until the queue drains.</summary>
    /// <value>The default is 1024.</value>
    public int WriteQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// How long a request to a model with a rate budget waits for Redis to count it. Past it, the request goes on, counted
    /// by this instance alone. Models without a budget never wait on Redis.
    /// </summary>
    /// <value>The default is 250 milliseconds.</value>
    public TimeSpan BudgetTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the first request of a new instance waits for the shared health already in Redis, once.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan InitialLoadTimeout { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.AsSpan().IndexOfAny(" \r\n\t") >= 0)
        {
            throw new ArgumentException($"RedisHealthStoreOptions.KeyPrefix '{KeyPrefix}' must be a non-empty prefix without whitespace, such as 'failover' or '{{myapp}}'.");
        }

        Positive(RefreshInterval, nameof(RefreshInterval));
        Positive(BudgetTimeout, nameof(BudgetTimeout));
        Positive(InitialLoadTimeout, nameof(InitialLoadTimeout));
        if (WriteQueueCapacity < 1)
        {
            throw new ArgumentException($"RedisHealthStoreOptions.WriteQueueCapacity is {WriteQueueCapacity}; it must be at least 1.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"RedisHealthStoreOptions.{name} is {value}; it must be greater than zero.");
        }
    }
}
