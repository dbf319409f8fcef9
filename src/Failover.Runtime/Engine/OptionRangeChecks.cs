using System;
using System.Collections.Generic;
using Failover.CodeAnalysis;

namespace Failover;

/// <summary>
/// Checks every time value and count of <see cref="FailoverOptions"/> and of the registered routes against the one
/// range table (<see cref="ValueRanges"/>, shared with the attribute parser's FO008), naming the configuration key.
/// A setting added later gets a line here; its range comes from the table by name.
/// </summary>
internal static class OptionRangeChecks
{
    private const string NoTotal = "for no total timeout";

    public static void Check(FailoverOptions options, IReadOnlyDictionary<string, RouteDescriptor> routes, List<string> errors)
    {
        var health = options.Health ?? new FailoverHealthOptions();
        Add(errors, Range("DefaultAttemptTimeout").Check("Failover:DefaultAttemptTimeout", options.DefaultAttemptTimeout));
        Add(errors, Range("DefaultFirstTokenTimeout").Check("Failover:DefaultFirstTokenTimeout", options.DefaultFirstTokenTimeout));
        Add(errors, Range("DefaultStallTimeout").Check("Failover:DefaultStallTimeout", options.DefaultStallTimeout));
        Add(errors, Range("DefaultTotalTimeout").Check("Failover:DefaultTotalTimeout", options.DefaultTotalTimeout, NoTotal));
        Add(errors, Range(nameof(health.BreakDuration)).Check("Failover:Health:BreakDuration", health.BreakDuration));
        Add(errors, Range(nameof(health.GoneCooldown)).Check("Failover:Health:GoneCooldown", health.GoneCooldown));
        Add(errors, Range(nameof(health.RateLimitCooldown)).Check("Failover:Health:RateLimitCooldown", health.RateLimitCooldown));
        Add(errors, Range(nameof(health.AuthCooldown)).Check("Failover:Health:AuthCooldown", health.AuthCooldown));
        Add(errors, Range(nameof(health.FailureThreshold)).Check("Failover:Health:FailureThreshold", health.FailureThreshold));
        Add(errors, Range(nameof(health.ProviderFailureThreshold)).Check("Failover:Health:ProviderFailureThreshold", health.ProviderFailureThreshold));

        foreach (var (name, routeOverride) in options.Routes)
        {
            if (routeOverride is not null)
            {
                Add(errors, Range(nameof(routeOverride.MaxAttempts)).Check($"Failover:Routes:{name}:MaxAttempts", routeOverride.MaxAttempts));
                CheckOverride(errors, $"Failover:Routes:{name}:AttemptTimeout", routeOverride.AttemptTimeout);
                CheckOverride(errors, $"Failover:Routes:{name}:FirstTokenTimeout", routeOverride.FirstTokenTimeout);
                CheckOverride(errors, $"Failover:Routes:{name}:StallTimeout", routeOverride.StallTimeout);
                CheckOverride(errors, $"Failover:Routes:{name}:TotalTimeout", routeOverride.TotalTimeout);
                if (routeOverride.CanaryPercent is { } share && !(share >= 0 && share <= 100))
                {
                    errors.Add($"Failover:Routes:{name}:CanaryPercent is {share.ToString(System.Globalization.CultureInfo.InvariantCulture)}; use a share from 0 (canary off) to 100 percent.");
                }
            }
        }

        // Routes built at run time (not by the generator, whose values FO008 checked) are held to the same ranges.
        foreach (var route in routes.Values)
        {
            var at = $"route '{route.Name}'";
            Add(errors, route.AttemptTimeout is { } attempt ? Range("AttemptTimeout").Check($"{at} AttemptTimeout", attempt) : null);
            Add(errors, route.FirstTokenTimeout is { } firstToken ? Range("FirstTokenTimeout").Check($"{at} FirstTokenTimeout", firstToken) : null);
            Add(errors, route.StallTimeout is { } stall ? Range("StallTimeout").Check($"{at} StallTimeout", stall) : null);
            Add(errors, route.TotalTimeout is { } total ? Range("TotalTimeout").Check($"{at} TotalTimeout", total, NoTotal) : null);
            Add(errors, route.Hedge is { } hedge ? Range("AfterMs").Check($"{at} Hedge", hedge) : null);
            Add(errors, Range("MaxAttempts").Check($"{at} Retry.MaxAttempts", (int?)route.Retry.MaxAttempts));
            Add(errors, Range("BaseDelayMs").Check($"{at} Retry.BaseDelay", route.Retry.BaseDelay));
            Add(errors, Range("MaxDelayMs").Check($"{at} Retry.MaxDelay", route.Retry.MaxDelay));
        }
    }

    private static void CheckOverride(List<string> errors, string key, TimeSpan? value) =>
        Add(errors, value is { } time ? Range("Timeout").Check(key, time) : null);

    private static ValueRange Range(string name) =>
        ValueRanges.For(name) ?? throw new InvalidOperationException($"No range is defined for '{name}'.");

    private static void Add(List<string> errors, string? problem)
    {
        if (problem is not null)
        {
            errors.Add(problem + ".");
        }
    }
}
