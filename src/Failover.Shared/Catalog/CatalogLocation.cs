namespace Failover.CodeAnalysis.Catalog;

/// <summary>Where something was read from in a catalog file: 1-based line and column, 0-based offset and length in characters.</summary>
internal readonly record struct CatalogLocation(string Path, int Line, int Column, int Offset, int Length)
{
    /// <summary>A location for a JSON value.</summary>
    public static CatalogLocation Of(string path, JsonNode node) => new(path, node.Start.Line, node.Start.Column, node.Start.Offset, node.Length);

    /// <summary>A location for a property name.</summary>
    public static CatalogLocation OfName(string path, JsonProperty property) =>
        new(path, property.NameStart.Line, property.NameStart.Column, property.NameStart.Offset, property.NameLength);

    /// <inheritdoc/>
    public override string ToString() => Path + "(" + Line + "," + Column + ")";
}
