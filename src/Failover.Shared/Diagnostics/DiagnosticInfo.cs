using System.Linq;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>A diagnostic found by the shared parse: the descriptor, where, and the message arguments as strings.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments) =>
        new(descriptor, location, arguments.Select(static a => a?.ToString() ?? string.Empty).ToEquatableArray());

    /// <summary>The diagnostic on its source location, or on <paramref name="fallback"/>'s when the parse had none.</summary>
    public Diagnostic ToDiagnostic(ISymbol fallback) =>
        Diagnostic.Create(
            Descriptor,
            Location?.Location ?? fallback.Locations.FirstOrDefault(static l => l.IsInSource) ?? Microsoft.CodeAnalysis.Location.None,
            Arguments.Cast<object>().ToArray());
}
