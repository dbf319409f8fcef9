using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO114: text that looks like a provider API key (see <see cref="ApiKeyPattern"/>) anywhere in source: every string
/// form (regular, verbatim, raw, UTF-8 <c>"…"u8</c>, the text parts of interpolated strings), a constant concatenation
/// or constant interpolation of strings (a key split in two is still in the binary), and comments (single-line,
/// multi-line, XML documentation). Obvious placeholders are not reported. The message shows only the key's prefix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiKeyLiteralAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ApiKeyLiteral);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxTreeAction(AnalyzeTree);
        context.RegisterSyntaxNodeAction(AnalyzeConstant, SyntaxKind.AddExpression, SyntaxKind.InterpolatedStringExpression);
    }

    /// <summary>The masked prefix of the first key-like run in <paramref name="text"/> (such as <c>sk-ant-…</c>), or null.</summary>
    internal static string? FindKey(string? text) => ApiKeyPattern.Find(text) is { } match ? match.Masked : null;

    private static void AnalyzeTree(SyntaxTreeAnalysisContext context)
    {
        try
        {
            // Most files hold no key prefix at all: one scan of the text spares the token and trivia walks.
            if (!ApiKeyPattern.MayContainKey(context.Tree.GetText(context.CancellationToken).ToString()))
            {
                return;
            }

            var root = context.Tree.GetRoot(context.CancellationToken);
            foreach (var token in root.DescendantTokens())
            {
                if (KindOf(token) is { } kind && FindKey(token.ValueText) is { } masked)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ApiKeyLiteral, token.GetLocation(), masked, kind));
                }
            }

            foreach (var trivia in root.DescendantTrivia())
            {
                var kind = trivia.Kind() switch
                {
                    SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia => "comment",
                    SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia => "XML documentation comment",
                    _ => null,
                };
                if (kind is not null && ApiKeyPattern.Find(trivia.ToFullString()) is { } match)
                {
                    var span = new Microsoft.CodeAnalysis.Text.TextSpan(trivia.FullSpan.Start + match.Index, match.Length);
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ApiKeyLiteral, Location.Create(context.Tree, span), match.Masked, kind));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never fail the build over a heuristic.
        }
    }

    private static void AnalyzeConstant(SyntaxNodeAnalysisContext context)
    {
        try
        {
            var node = (ExpressionSyntax)context.Node;

            // Judge a constant chain once, at its top; a part that is a key by itself is reported on its own. Binding is
            // the costly step: an interpolated string without holes is its text (judged by the token scan), and an
            // expression that cannot be a constant string (arithmetic, calls, element access) is never bound.
            if (node.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression }
                || node.Parent is InterpolationSyntax
                || node is InterpolatedStringExpressionSyntax { Contents: var contents } && !contents.Any(static c => c is InterpolationSyntax)
                || !ConstantStringShape.MayBeConstantString(node)
                || node.DescendantTokens().Any(static t => KindOf(t) is not null && FindKey(t.ValueText) is not null))
            {
                return;
            }

            if (context.SemanticModel.GetConstantValue(node, context.CancellationToken) is { HasValue: true, Value: string value }
                && FindKey(value) is { } masked)
            {
                var kind = node is InterpolatedStringExpressionSyntax ? "constant interpolated string" : "constant string concatenation";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ApiKeyLiteral, node.GetLocation(), masked, kind));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never fail the build over a heuristic.
        }
    }

    private static string? KindOf(SyntaxToken token) => token.Kind() switch
    {
        SyntaxKind.StringLiteralToken => token.Text.StartsWith("@", StringComparison.Ordinal) ? "verbatim string literal" : "string literal",
        SyntaxKind.Utf8StringLiteralToken => "UTF-8 string literal",
        SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken => "raw string literal",
        SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken => "UTF-8 raw string literal",
        SyntaxKind.InterpolatedStringTextToken => "interpolated string",
        _ => null,
    };
}
