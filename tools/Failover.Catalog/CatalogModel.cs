using System;
using System.Collections.Generic;
using System.Linq;
using Failover.CodeAnalysis.Catalog;

namespace Failover.Catalog;

/// <summary>One catalog entry while a refresh merges into it (the shared <see cref="ModelEntry"/> is immutable and carries no <c>source</c>).</summary>
internal sealed class CatalogModel
{
    public required string Id { get; init; }

    public required int ContextWindow { get; set; }

    public int? MaxOutputTokens { get; set; }

    public ModelCapabilities Capabilities { get; set; }

    public IReadOnlyList<string> Regions { get; init; } = Array.Empty<string>();

    public double InputPerMillion { get; set; }

    public double OutputPerMillion { get; set; }

    public IReadOnlyList<string> Tiers { get; init; } = Array.Empty<string>();

    public ModelLifecycle Lifecycle { get; set; }

    public string? LifecycleDate { get; set; }

    public string? Replacement { get; init; }

    /// <summary>The model's strength class (<c>class</c>); never produced by a refresh, so always the file's.</summary>
    public ModelClass Class { get; init; }

    /// <summary><c>user</c>, <c>refresh</c> or null (as written in the file).</summary>
    public string? Source { get; init; }

    /// <summary>Whether the entry is written with a <c>lifecycle</c> object (it had one, or is no longer active).</summary>
    public bool HadLifecycle { get; init; }

    /// <summary>The provider prefix of <see cref="Id"/>.</summary>
    public string Provider => Id[..Id.IndexOf('/')];

    /// <summary>The model name after the provider prefix.</summary>
    public string Name => Id[(Id.IndexOf('/') + 1)..];

    /// <summary>An entry the user owns: the refresh changes none of its fields.</summary>
    public bool IsUserOwned => string.Equals(Source, "user", StringComparison.Ordinal);

    public static CatalogModel From(ModelEntry entry, string? source, bool hadLifecycle) => new()
    {
        Id = entry.Id,
        ContextWindow = entry.ContextWindow,
        MaxOutputTokens = entry.MaxOutputTokens,
        Capabilities = entry.Capabilities,
        Regions = entry.Regions.ToArray(),
        InputPerMillion = entry.InputPerMillion,
        OutputPerMillion = entry.OutputPerMillion,
        Tiers = entry.Tiers.ToArray(),
        Lifecycle = entry.Lifecycle,
        LifecycleDate = entry.LifecycleDate,
        Replacement = entry.Replacement,
        Class = entry.Class,
        Source = source,
        HadLifecycle = hadLifecycle,
    };

    public CatalogModel Clone() => (CatalogModel)MemberwiseClone();
}
