using System;
using System.IO;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>Which AdditionalFiles are user model catalogs.</summary>
internal static class CatalogFiles
{
    /// <summary>The file name a user catalog must have.</summary>
    public const string FileName = "models.json";

    /// <summary>Whether <paramref name="path"/> names a user catalog (<c>models.json</c>, any folder, case-insensitive).</summary>
    public static bool IsCatalogFile(string path) =>
        string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);
}
