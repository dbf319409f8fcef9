namespace Failover.CodeAnalysis.Catalog;

/// <summary>Where a model is in its provider's lifecycle.</summary>
internal enum ModelLifecycle
{
    /// <summary>Generally available; catalog status <c>active</c>.</summary>
    Active,

    /// <summary>Still served but going away on <see cref="ModelEntry.LifecycleDate"/>; catalog status <c>deprecated</c>.</summary>
    Deprecated,

    /// <summary>No longer served (or switched off on purpose); catalog status <c>disabled</c>.</summary>
    Disabled,
}
