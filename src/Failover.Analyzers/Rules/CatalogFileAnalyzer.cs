using System;
using System.Collections.Immutable;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO115: one diagnostic per problem in a user <c>models.json</c> (invalid JSON, missing or wrong fields, duplicate
/// ids, bad prices, unknown replacements), at the file, line and column of the problem. The rest of the catalog, and
/// the built-in catalog, stay in force. The generator reads the same files but leaves reporting to this analyzer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CatalogFileAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CatalogFileError);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var catalog = AnalyzerCatalog.Get(start.Compilation, start.Options, start.CancellationToken);
            if (catalog.Errors.IsEmpty)
            {
                return;
            }

            start.RegisterAdditionalFileAction(fileContext => Report(fileContext, catalog));
        });
    }

    private static void Report(AdditionalFileAnalysisContext context, ModelCatalog catalog)
    {
        try
        {
            if (!CatalogFiles.IsCatalogFile(context.AdditionalFile.Path))
            {
                return;
            }

            var text = context.AdditionalFile.GetText(context.CancellationToken);
            foreach (var error in catalog.Errors)
            {
                if (string.Equals(error.Path, context.AdditionalFile.Path, StringComparison.Ordinal))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CatalogFileError, LocationOf(error, text), error.Message));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never fail the build over a catalog file.
        }
    }

    private static Location LocationOf(CatalogError error, SourceText? text)
    {
        var start = new LinePosition(Math.Max(0, error.Line - 1), Math.Max(0, error.Column - 1));
        if (text is null)
        {
            return Location.Create(error.Path, new TextSpan(error.Offset, error.Length), new LinePositionSpan(start, start));
        }

        var offset = Math.Min(Math.Max(0, error.Offset), text.Length);
        var span = new TextSpan(offset, Math.Min(Math.Max(0, error.Length), text.Length - offset));
        return Location.Create(error.Path, span, text.Lines.GetLinePositionSpan(span));
    }
}
