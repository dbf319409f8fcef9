namespace Failover.CodeAnalysis.Catalog;

/// <summary>
/// Something wrong in a catalog file. <see cref="Message"/> says what is wrong and how to fix it, without the location;
/// <see cref="ToString"/> gives the compiler-style <c>path(line,column): message</c>.
/// </summary>
internal sealed record CatalogError(string Message, string Path, int Line, int Column, int Offset, int Length)
{
    /// <summary>An error at <paramref name="location"/>.</summary>
    public CatalogError(string message, CatalogLocation location)
        : this(message, location.Path, location.Line, location.Column, location.Offset, location.Length)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => Path + "(" + Line + "," + Column + "): " + Message;
}
