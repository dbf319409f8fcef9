namespace Failover.CodeAnalysis.Catalog;

/// <summary>A place in a JSON text: 1-based line and column (in UTF-16 code units) and the 0-based character offset.</summary>
internal readonly record struct JsonPosition(int Line, int Column, int Offset)
{
    /// <inheritdoc/>
    public override string ToString() => "(" + Line + "," + Column + ")";
}
