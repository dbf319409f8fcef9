using System;
using System.IO;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>The catalog facts (context windows, prices) the generator embeds in route tables.</summary>
internal static class ModelCatalogSource
{
    public static IncrementalValueProvider<EquatableArray<ModelFacts>> Create(IncrementalGeneratorInitializationContext context) =>
        context.AdditionalTextsProvider
            .Where(static text => IsCatalogFile(text.Path))
            .Select(static (text, ct) => (Path: text.Path, Content: text.GetText(ct)?.ToString() ?? string.Empty))
            .Collect()
            .Select(static (files, _) => EquatableArray<ModelFacts>.Empty);

    public static bool IsCatalogFile(string path) =>
        string.Equals(Path.GetFileName(path), "models.json", StringComparison.OrdinalIgnoreCase);
}
