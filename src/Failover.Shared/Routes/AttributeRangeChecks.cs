using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Checks every named integer or fractional argument of a route attribute against <see cref="ValueRanges"/> (FO008), so a
/// time value or count Polly would refuse, or a sampling setting a provider would reject, is an error at compile time,
/// with the allowed range in the message.
/// </summary>
internal static class AttributeRangeChecks
{
    /// <summary>Reports each out-of-range argument; false when any was.</summary>
    public static bool Check(AttributeData attribute, string label, LocationInfo? location, string routeName, List<DiagnosticInfo> diagnostics)
    {
        var inRange = true;
        foreach (var named in attribute.NamedArguments)
        {
            // Array arguments (Retry's RetryOn/NoRetryOn) have no Value: reading it throws.
            if (named.Value.Kind != TypedConstantKind.Array
                && named.Value.Value is int value
                && ValueRanges.For(named.Key) is { } range
                && range.Check($"[{label}] {named.Key}", value, ZeroMeaning(named.Key)) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, problem));
                inRange = false;
            }
            else if (named.Value.Kind != TypedConstantKind.Array
                && named.Value.Value is double number
                && ValueRanges.For(named.Key) is { Unit: ValueUnit.Number } numberRange
                && numberRange.CheckNumber($"[{label}] {named.Key}", number) is { } numberProblem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, numberProblem));
                inRange = false;
            }
        }

        return inRange;
    }

    private static string? ZeroMeaning(string name) =>
        name.EndsWith("TimeoutMs", StringComparison.Ordinal) ? "to inherit the default" : null;
}
