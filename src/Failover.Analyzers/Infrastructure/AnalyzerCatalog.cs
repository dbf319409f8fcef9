using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// The catalog routes are judged against: the built-in catalog merged with every AdditionalFiles <c>models.json</c>,
/// built once per compilation and shared by every rule. A broken user file keeps the built-in catalog in force; its
/// errors are reported by <see cref="CatalogFileAnalyzer"/>.
/// </summary>
internal static class AnalyzerCatalog
{
    private static readonly ConditionalWeakTable<Compilation, ModelCatalog> Catalogs = new();
    private static readonly ConditionalWeakTable<SourceText, CatalogParseResult> Files = new();

    public static ModelCatalog Get(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        Catalogs.GetValue(compilation, _ => Load(options, cancellationToken));

    private static ModelCatalog Load(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var files = options.AdditionalFiles
                .Where(static f => CatalogFiles.IsCatalogFile(f.Path))
                .OrderBy(static f => f.Path, StringComparer.Ordinal)
                .Select(f => Parse(f, cancellationToken))
                .ToList();
            return BuiltInCatalog.Load(files);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return BuiltInCatalog.Load();
        }
    }

    private static CatalogParseResult Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        return text is null
            ? CatalogParser.Unreadable(file.Path)
            : Files.GetValue(text, t => CatalogParser.Parse(t.ToString(), file.Path));
    }
}
