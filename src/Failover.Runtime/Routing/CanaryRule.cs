using System;

namespace Failover;

/// <summary>A route's canary: the candidate model and the share of calls that try it first.</summary>
public sealed class CanaryRule
{
    /// <summary>Creates a canary rule.</summary>
    /// <param name="model">The candidate.</param>
    /// <param name="percent">The share of calls, above 0 and at most 100.</param>
    public CanaryRule(ModelTarget model, double percent)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(percent > 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The canary share must be above 0 and at most 100 percent.");
        }

        Model = model;
        Percent = percent;
    }

    /// <summary>The candidate model.</summary>
    public ModelTarget Model { get; }

    /// <summary>The share of calls, in percent.</summary>
    public double Percent { get; }

    /// <summary>
    /// Whether a call goes to the canary. With a key the answer is a stable function of route name and key (FNV-1a over
    /// the UTF-16 code units, bucketed to 1/100 of a percent), so the same key always gets the same model across
    /// processes; without one it is random.
    /// </summary>
    public bool Selects(string routeName, string? key) => Selects(routeName, key, Percent, Random.Shared);

    /// <summary>Whether a call goes to the canary at a share of <paramref name="percent"/> (configuration may change it at run time); 0 never selects.</summary>
    internal static bool Selects(string routeName, string? key, double percent, Random random)
    {
        if (percent <= 0)
        {
            return false;
        }

        if (key is null)
        {
            return random.NextDouble() * 100 < percent;
        }

        var hash = 2166136261u;
        hash = Mix(hash, routeName);
        hash = (hash ^ 0) * 16777619u;
        hash = Mix(hash, key);

        // Avalanche the low bits so that sequential keys spread evenly over the buckets.
        hash ^= hash >> 15;
        hash *= 0x2c1b3c6du;
        hash ^= hash >> 12;
        return hash % 10_000 < percent * 100;
    }

    private static uint Mix(uint hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * 16777619u;
            hash = (hash ^ (byte)(c >> 8)) * 16777619u;
        }

        return hash;
    }
}
