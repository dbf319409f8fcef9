using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO113: a route with no Owner, or with a placeholder for one (TODO, TBD, n/a, unknown, none, ?, ..., etc; trimmed,
/// case-insensitive; also "TODO: ..." and text with no letter or digit). Info by default: useful, but not a reliability risk on its own.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RouteOwnerAnalyzer : RouteAnalyzer
{
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "todo", "tbd", "tbc", "tba", "fixme", "n/a", "na", "n.a.", "none", "nobody", "no one", "noone", "unknown", "unassigned",
        "etc", "etc.", "null", "nil", "owner", "team", "team-name", "your-team", "changeme", "placeholder", "xxx", "-", "?",
    };

    private static readonly string[] PlaceholderPrefixes = { "todo", "tbd", "fixme" };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.RouteWithoutOwner);

    /// <summary>Whether <paramref name="owner"/> names nobody: empty, a placeholder word, or only punctuation.</summary>
    internal static bool IsPlaceholder(string? owner)
    {
        var value = owner?.Trim() ?? string.Empty;
        if (value.Length == 0 || Placeholders.Contains(value) || value.All(static c => !char.IsLetterOrDigit(c)))
        {
            return true;
        }

        // "TODO: assign", "TBD (platform?)": a placeholder word, then a separator and anything ("todo-list" is a name).
        return PlaceholderPrefixes.Any(p => value.Length > p.Length
            && value.StartsWith(p, StringComparison.OrdinalIgnoreCase)
            && " :;,(/".IndexOf(value[p.Length]) >= 0);
    }

    private protected override void AnalyzeRoute(RouteContext context)
    {
        var owner = context.Route.Owner;
        if (IsPlaceholder(owner))
        {
            var what = string.IsNullOrWhiteSpace(owner) ? "has no Owner" : $"has the placeholder Owner \"{owner!.Trim()}\", which names nobody";
            context.Report(DiagnosticDescriptors.RouteWithoutOwner, context.Route.Primary.Location, context.Route.RouteName, what);
        }
    }
}
