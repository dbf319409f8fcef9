using System;
using System.Linq;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// The catalog facts (context windows, prices) the generator embeds in route tables: the built-in catalog merged
/// with every <c>models.json</c> passed as AdditionalFiles. Catalog errors are reported by the analyzers, once.
/// </summary>
internal static class ModelCatalogSource
{
    public static IncrementalValueProvider<EquatableArray<ModelFacts>> Create(IncrementalGeneratorInitializationContext context) =>
        context.AdditionalTextsProvider
            .Where(static text => CatalogFiles.IsCatalogFile(text.Path))
            .Select(static (text, ct) => text.GetText(ct) is { } content ? CatalogParser.Parse(content.ToString(), text.Path) : CatalogParser.Unreadable(text.Path))
            .WithTrackingName(TrackingNames.CatalogFiles)
            .Collect()
            .Select(static (files, _) => ToFacts(BuiltInCatalog.Load(files.OrderBy(static f => f.Path, StringComparer.Ordinal))))
            .WithTrackingName(TrackingNames.Catalog);

    private static EquatableArray<ModelFacts> ToFacts(ModelCatalog catalog) =>
        catalog.Entries
            .Select(static e => new ModelFacts(e.Id, e.ContextWindow, e.InputPriceText, e.OutputPriceText, e.HasCapabilities(ModelCapabilities.Prefill)))
            .ToEquatableArray();
}
