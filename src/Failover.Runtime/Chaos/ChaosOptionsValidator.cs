using System;
using System.Collections.Generic;
using System.Linq;

namespace Failover;

/// <summary>Checks <c>Failover:Chaos</c>: every problem names its key, so a malformed game-day section is found at once (and, on reload, rejected).</summary>
internal static class ChaosOptionsValidator
{
    public static void Validate(FailoverChaosOptions? chaos, IReadOnlyCollection<string> knownModels, List<string> errors)
    {
        if (chaos?.Rules is not { } rules)
        {
            return;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var key = $"Failover:Chaos:Rules:{i}";
            if (rule is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(rule.Model))
            {
                errors.Add($"{key}:Model is empty; name a model id (openai/gpt-5-mini), a provider (openai/*) or * for every model.");
            }
            else if (!knownModels.Any(rule.Matches))
            {
                errors.Add($"{key}:Model '{rule.Model}' matches no model of a registered route. Known models: {string.Join(", ", knownModels.OrderBy(static m => m, StringComparer.Ordinal).Take(20))}.");
            }

            if (!Enum.IsDefined(rule.Fault))
            {
                errors.Add($"{key}:Fault {(int)rule.Fault} is not a fault; use one of {string.Join(", ", Enum.GetNames<ChaosFault>())}.");
            }

            if (!(rule.InjectionRate >= 0 && rule.InjectionRate <= 1))
            {
                errors.Add($"{key}:InjectionRate must be between 0 and 1 (a share of calls, 0.05 for 5%); it is {rule.InjectionRate}.");
            }

            if (rule.RetryAfter < TimeSpan.Zero || rule.Latency < TimeSpan.Zero)
            {
                errors.Add($"{key}:RetryAfter and {key}:Latency may not be negative.");
            }

            if (rule.AfterChunks < 0)
            {
                errors.Add($"{key}:AfterChunks may not be negative; it is {rule.AfterChunks}.");
            }
        }
    }
}
