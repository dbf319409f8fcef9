using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>
/// The catalog that ships with Failover: <c>models.default.json</c>, embedded in the consuming assembly as the
/// manifest resource <see cref="ResourceName"/>. Parsed once and cached. Never throws: a missing or broken resource
/// gives an empty catalog with an error.
/// </summary>
internal static class BuiltInCatalog
{
    /// <summary>The manifest resource name (set with <c>LogicalName</c> on the <c>EmbeddedResource</c>).</summary>
    public const string ResourceName = "Failover.models.default.json";

    /// <summary>The path used in errors and entry locations of built-in models.</summary>
    public const string Path = "models.default.json";

    private static readonly Lazy<CatalogParseResult> Parsed = new(() => Read(typeof(BuiltInCatalog).Assembly));
    private static readonly Lazy<ModelCatalog> Catalog = new(() => ModelCatalog.Create(Parsed.Value));

    /// <summary>The parsed built-in file (entries and errors).</summary>
    public static CatalogParseResult Parse() => Parsed.Value;

    /// <summary>The built-in catalog alone.</summary>
    public static ModelCatalog Load() => Catalog.Value;

    /// <summary>The built-in catalog merged with user catalog files (see <see cref="ModelCatalog.Create(CatalogParseResult, IEnumerable{CatalogParseResult})"/>).</summary>
    public static ModelCatalog Load(IEnumerable<CatalogParseResult> userFiles) => ModelCatalog.Create(Parsed.Value, userFiles);

    /// <summary>Reads and parses the resource from <paramref name="assembly"/> without caching; never throws.</summary>
    internal static CatalogParseResult Read(Assembly assembly)
    {
        try
        {
            using Stream? stream = assembly.GetManifestResourceStream(ResourceName);
            if (stream is null)
            {
                return Failed("the built-in model catalog is missing: assembly '" + assembly.GetName().Name + "' has no resource '" + ResourceName + "'; embed src/Failover.Shared/Catalog/models.default.json with LogicalName=\"" + ResourceName + "\"");
            }

            using var reader = new StreamReader(stream);
            return CatalogParser.Parse(reader.ReadToEnd(), Path);
        }
        catch (Exception ex)
        {
            return Failed("the built-in model catalog could not be read (" + ex.GetType().Name + ": " + ex.Message + ")");
        }
    }

    private static CatalogParseResult Failed(string message) =>
        new(Path, EquatableArray<ModelEntry>.Empty, EquatableArray.Create(new CatalogError(message, Path, 1, 1, 0, 0)));
}
