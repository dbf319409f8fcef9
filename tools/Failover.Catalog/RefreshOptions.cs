using System.Collections.Generic;

namespace Failover.Catalog;

/// <summary>What one refresh reads and writes.</summary>
internal sealed class RefreshOptions
{
    /// <summary>The catalog file to refresh (created when missing).</summary>
    public required string CatalogPath { get; init; }

    /// <summary>The provider lists to read; a provider not here is left as it is.</summary>
    public IReadOnlyList<ModelListSource> Sources { get; init; } = [];

    /// <summary>A LiteLLM <c>model_prices_and_context_window.json</c> to import, or null.</summary>
    public string? LiteLlmPath { get; init; }

    /// <summary>Report the changes without writing the file.</summary>
    public bool DryRun { get; init; }
}
