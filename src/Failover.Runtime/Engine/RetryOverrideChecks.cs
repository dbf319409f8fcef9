using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>
/// Checks a route's <c>RetryOn</c> / <c>NoRetryOn</c> override (<c>Failover:Routes:{route}:RetryOn</c>) against what the
/// engine can do with it, naming the key: a kind that is not a failure or is never retried, a kind both retried and not
/// (in the override, or against the declared rule the override leaves in place), and an opt-in on a route that tries each
/// model once, where it would silently do nothing.
/// </summary>
internal static class RetryOverrideChecks
{
    public static void Check(string routeName, RouteOverrideOptions routeOverride, RouteDescriptor route, List<string> errors)
    {
        var at = $"Failover:Routes:{routeName}";
        CheckKinds(errors, $"{at}:RetryOn", routeOverride.RetryOn, optIn: true);
        CheckKinds(errors, $"{at}:NoRetryOn", routeOverride.NoRetryOn, optIn: false);

        // The lists in force once the override applies: an override replaces its own list and keeps the declared other one.
        var retryOn = routeOverride.RetryOn is { } r ? (IReadOnlyList<FailureKind>)[.. r] : route.Retry.RetryOn;
        var noRetryOn = routeOverride.NoRetryOn is { } n ? (IReadOnlyList<FailureKind>)[.. n] : route.Retry.NoRetryOn;
        if (routeOverride.RetryOn is not null)
        {
            for (var i = 0; i < retryOn.Count; i++)
            {
                var j = IndexOf(noRetryOn, retryOn[i]);
                if (j >= 0)
                {
                    var other = routeOverride.NoRetryOn is null ? $"the route's declared [Retry(NoRetryOn)]" : $"{at}:NoRetryOn:{j}";
                    errors.Add($"{at}:RetryOn:{i} is '{retryOn[i]}', which {other} also names: a kind is either retried on the same model or not. Remove it from one of the lists.");
                }
            }

            var attempts = routeOverride.MaxAttempts ?? route.Retry.MaxAttempts;
            if (retryOn.Count > 0 && attempts <= 1)
            {
                var source = routeOverride.MaxAttempts is null ? "its retry rule" : $"{at}:MaxAttempts";
                errors.Add($"{at}:RetryOn has no effect: route '{routeName}' tries each model once ({source} is {attempts}). Set {at}:MaxAttempts to 2 or more (it counts the first attempt), or remove RetryOn.");
            }
        }

        // A declared RetryOn that the override's NoRetryOn switches off is fine: NoRetryOn wins, and that is how
        // configuration takes back an opt-in compiled into the route.
    }

    private static void CheckKinds(List<string> errors, string key, IList<FailureKind>? kinds, bool optIn)
    {
        if (kinds is null)
        {
            return;
        }

        for (var i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            if (!Enum.IsDefined(kind))
            {
                errors.Add($"{key}:{i} is '{(int)kind}', which is not a failure kind. Use one of {string.Join(", ", Retryable())}.");
            }
            else if (kind == FailureKind.None)
            {
                errors.Add($"{key}:{i} is 'None', which is a success, not a failure kind. Remove it.");
            }
            else if (kind == FailureKind.Cancelled && optIn)
            {
                errors.Add($"{key}:{i} is 'Cancelled': a caller's cancellation stops the route and is never retried. Remove it.");
            }

            var first = IndexOf(kinds, kind);
            if (first < i)
            {
                errors.Add($"{key}:{i} repeats '{kind}' ({key}:{first}). Remove one.");
            }
        }
    }

    private static IEnumerable<string> Retryable()
    {
        foreach (var kind in Enum.GetValues<FailureKind>())
        {
            if (kind is not FailureKind.None and not FailureKind.Cancelled)
            {
                yield return kind.ToString();
            }
        }
    }

    private static int IndexOf(IEnumerable<FailureKind> kinds, FailureKind kind)
    {
        var i = 0;
        foreach (var candidate in kinds)
        {
            if (candidate == kind)
            {
                return i;
            }

            i++;
        }

        return -1;
    }
}
