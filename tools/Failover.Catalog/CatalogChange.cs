namespace Failover.Catalog;

/// <summary>What kind of change a refresh made (or, for user entries, would have made), in report order.</summary>
internal enum CatalogChangeKind
{
    New,
    Deprecated,
    Retired,
    Price,
    Window,
    MaxOutput,
    Capabilities,
    KeptUser,
    NotAdded,
}

/// <summary>One line of the refresh report.</summary>
/// <param name="Kind">The kind of change.</param>
/// <param name="Id">The catalog id.</param>
/// <param name="Detail">Old and new values, or why.</param>
internal sealed record CatalogChange(CatalogChangeKind Kind, string Id, string Detail)
{
    public string Label => Kind switch
    {
        CatalogChangeKind.New => "new",
        CatalogChangeKind.Deprecated => "deprecated",
        CatalogChangeKind.Retired => "retired",
        CatalogChangeKind.Price => "price",
        CatalogChangeKind.Window => "window",
        CatalogChangeKind.MaxOutput => "max output",
        CatalogChangeKind.Capabilities => "capabilities",
        CatalogChangeKind.KeptUser => "kept (user)",
        _ => "not added",
    };

    /// <summary>Whether the change is written to the file (kept user values and models not added are not).</summary>
    public bool IsWritten => Kind is not (CatalogChangeKind.KeptUser or CatalogChangeKind.NotAdded);

    public override string ToString() => "  " + Label.PadRight(13) + " " + Id + "  " + Detail;
}
