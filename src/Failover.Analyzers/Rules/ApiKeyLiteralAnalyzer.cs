using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// FO114: a string that looks like a provider API key: <c>sk-ant-…</c> (Anthropic), <c>sk-…</c> (OpenAI) with 20 or
/// more key characters, or <c>AIza</c> plus 35 or more (Google). Any string literal in the compilation is checked, and
/// so is a constant concatenation of literals (a key split in two is still in the binary). The message shows only the
/// key's prefix, never the key.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiKeyLiteralAnalyzer : DiagnosticAnalyzer
{
    private static readonly Regex KeyPattern = new(
        @"(?<![A-Za-z0-9_-])(?<prefix>sk-ant-|sk-|AIza)(?<rest>[A-Za-z0-9_-]+)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromMilliseconds(200));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ApiKeyLiteral);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Safe(AnalyzeLiteral), SyntaxKind.StringLiteralExpression);
        context.RegisterSyntaxNodeAction(Safe(AnalyzeConcatenation), SyntaxKind.AddExpression);
    }

    /// <summary>The masked prefix of the first key-like run in <paramref name="text"/> (such as <c>sk-ant-…</c>), or null.</summary>
    internal static string? FindKey(string? text)
    {
        if (text is null || text.Length < 20)
        {
            return null;
        }

        foreach (Match match in KeyPattern.Matches(text))
        {
            var prefix = match.Groups["prefix"].Value;
            var rest = match.Groups["rest"].Value.Length;
            var looksLikeKey = prefix switch
            {
                "AIza" => rest >= 35,
                "sk-" when match.Groups["rest"].Value.StartsWith("ant-", StringComparison.Ordinal) => false,
                _ => rest >= 20,
            };
            if (looksLikeKey)
            {
                return prefix + "\u2026";
            }
        }

        return null;
    }

    private static Action<SyntaxNodeAnalysisContext> Safe(Action<SyntaxNodeAnalysisContext> action) => context =>
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never fail the build over a heuristic.
        }
    };

    private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context)
    {
        var literal = (LiteralExpressionSyntax)context.Node;
        if (FindKey(literal.Token.ValueText) is { } masked)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ApiKeyLiteral, literal.GetLocation(), masked));
        }
    }

    private static void AnalyzeConcatenation(SyntaxNodeAnalysisContext context)
    {
        var node = (BinaryExpressionSyntax)context.Node;

        // Judge the whole constant chain once, at its top; a literal that is a key by itself is reported on its own.
        if (node.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression }
            || node.DescendantNodes().OfType<LiteralExpressionSyntax>().Any(static l => FindKey(l.Token.ValueText) is not null))
        {
            return;
        }

        if (context.SemanticModel.GetConstantValue(node, context.CancellationToken) is { HasValue: true, Value: string value }
            && FindKey(value) is { } masked)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ApiKeyLiteral, node.GetLocation(), masked));
        }
    }
}
