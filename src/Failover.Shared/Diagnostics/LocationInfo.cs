using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Where a declaration was written: the compilation's own source location, so a diagnostic reported on it is source
/// (suppressible by <c>#pragma</c>, <c>[SuppressMessage]</c> and .editorconfig). Only the analyzers keep it: the
/// generator strips every location from its model (see the generator's <c>GenerationModel</c>), so code that only
/// moves does not regenerate anything.
/// </summary>
internal sealed record LocationInfo(Location Location)
{
    public Location ToLocation() => Location;

    public static LocationInfo? From(Location? location) =>
        location is null || !location.IsInSource ? null : new LocationInfo(location);

    public static LocationInfo? From(SyntaxReference? reference) =>
        reference is null ? null : From(reference.GetSyntax().GetLocation());
}
