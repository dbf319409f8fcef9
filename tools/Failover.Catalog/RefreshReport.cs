using System.Collections.Generic;

namespace Failover.Catalog;

/// <summary>The outcome of a refresh that finished.</summary>
/// <param name="CatalogPath">The catalog file.</param>
/// <param name="Sources">One line per source read (provider lists and the price file).</param>
/// <param name="Changes">What changed, in report order.</param>
/// <param name="Written">Whether the file was written (false for a dry run or when nothing changed).</param>
internal sealed record RefreshReport(string CatalogPath, IReadOnlyList<string> Sources, IReadOnlyList<CatalogChange> Changes, bool Written);
