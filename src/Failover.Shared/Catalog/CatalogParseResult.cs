namespace Failover.CodeAnalysis.Catalog;

/// <summary>The valid entries of one catalog file and the errors found in it. Equatable, for generator pipelines.</summary>
/// <param name="Path">The file path used in errors and entry locations.</param>
/// <param name="Entries">The valid entries in file order; bad entries are left out.</param>
/// <param name="Errors">Every problem found, in file order.</param>
internal sealed record CatalogParseResult(string Path, EquatableArray<ModelEntry> Entries, EquatableArray<CatalogError> Errors)
{
    /// <summary>Whether there are no errors.</summary>
    public bool IsValid => Errors.IsEmpty;
}
