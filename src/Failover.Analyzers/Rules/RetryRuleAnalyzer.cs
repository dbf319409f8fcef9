using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO103: no retry rule in force: no [Retry] on the method, its interface or the assembly, or the one in force has
/// MaxAttempts = 1 (it counts the first attempt, so 1 means "never retry"). A method-level [Retry(MaxAttempts = 1)] is
/// reported on that attribute, and the add-retry code fix is not offered there (it would add a second [Retry]).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryRuleAnalyzer : RouteAnalyzer
{
    /// <summary>The diagnostic property set when the route's own [Retry] is the one to edit.</summary>
    public const string RetryOnMethod = "RetryOnMethod";

    private static readonly string[] Sources = { string.Empty, "on the method", "on its interface", "on the assembly" };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NoRetryRule);

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var route = context.Route;
        var retry = route.Retry;
        if (retry.Source == 0)
        {
            context.Report(DiagnosticDescriptors.NoRetryRule, route.Primary.Location, route.RouteName, "has no [Retry] on the method, its interface or the assembly", "add [Retry(MaxAttempts = 3)]");
            return;
        }

        if (retry.MaxAttempts > 1)
        {
            return;
        }

        var where = retry.Source < Sources.Length ? Sources[retry.Source] : "in force";
        var onMethod = retry.Source == 1;
        context.Report(
            DiagnosticDescriptors.NoRetryRule,
            onMethod ? retry.Location ?? route.Primary.Location : route.Primary.Location,
            onMethod ? ImmutableDictionary<string, string?>.Empty.Add(RetryOnMethod, "true") : null,
            route.RouteName,
            $"has [Retry(MaxAttempts = {retry.MaxAttempts})] {where}, which makes one attempt and never retries",
            onMethod ? "set MaxAttempts = 3 (it counts the first attempt)" : "set MaxAttempts = 3 there, or add [Retry(MaxAttempts = 3)] to the method");
    }
}
