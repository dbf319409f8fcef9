namespace Failover.CodeAnalysis;

/// <summary>Names of the generator's pipeline steps, for the cacheability tests.</summary>
internal static class TrackingNames
{
    public const string Routes = nameof(Routes);
    public const string RouteModels = nameof(RouteModels);
    public const string Interfaces = nameof(Interfaces);
    public const string CatalogFiles = nameof(CatalogFiles);
    public const string Catalog = nameof(Catalog);
}
