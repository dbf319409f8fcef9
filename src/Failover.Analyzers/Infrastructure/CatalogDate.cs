using System;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// The day lifecycle dates are judged against, as <c>yyyy-MM-dd</c>: the MSBuild property <c>FailoverCatalogDate</c>
/// (build/Failover.targets sets it once per build from SOURCE_DATE_EPOCH when that is set, else from the build's UTC
/// date, and hands it to the analyzers as <c>build_property.FailoverCatalogDate</c>). Without the property (a project
/// that does not import Failover.targets) today's UTC date is used; a value that is not a yyyy-MM-dd date already failed
/// the build in Failover.targets (FailoverCheckCatalogDate), so the fallback here only covers analyzers used on their own.
/// </summary>
internal static class CatalogDate
{
    /// <summary>The analyzer config key of the MSBuild property.</summary>
    public const string BuildProperty = "build_property.FailoverCatalogDate";

    public static string Get(AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(BuildProperty, out var value) && Parse(value) is { } date)
        {
            return date;
        }

#pragma warning disable RS1035 // The documented fallback when the build passes no date; builds that must be reproducible set FailoverCatalogDate.
        // Analyzers get no TimeProvider; without FailoverCatalogDate or SOURCE_DATE_EPOCH the build date is the judgement date.
        return DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // clock: no TimeProvider in an analyzer
#pragma warning restore RS1035
    }

    /// <summary>The date in <paramref name="value"/> as yyyy-MM-dd, or null when it is not one.</summary>
    internal static string? Parse(string? value) =>
        value is not null && DateTime.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
