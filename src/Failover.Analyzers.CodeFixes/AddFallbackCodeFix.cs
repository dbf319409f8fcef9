using System.Collections.Immutable;
using System.Composition;
using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>
/// FO100 / FO101 / FO102: adds <c>[Fallback("…")]</c> with the model named in the message, which the analyzer chose with
/// the one <see cref="Catalog.FallbackSuggester"/> (active, another provider, what the route needs, its tier; price only
/// breaks ties), so the fix and the message always agree.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFallbackCodeFix)), Shared]
public sealed class AddFallbackCodeFix : NodeReplacingCodeFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.NoFallback, DiagnosticIds.CriticalRouteWithoutFallback, DiagnosticIds.FallbacksNotProviderDiverse);

    private protected override NodeReplacement? FixFor(Diagnostic diagnostic, SyntaxNode node) =>
        diagnostic.Properties.TryGetValue(RouteFacts.SuggestedFallback, out var model) && model is not null && MethodAt(node) is { } method
            ? new NodeReplacement($"Add [Fallback(\"{model}\")]", nameof(AddFallbackCodeFix), method, () => AddFallback(method, model))
            : null;

    private static MethodDeclarationSyntax AddFallback(MethodDeclarationSyntax method, string model) =>
        AttributeListEditor.AddAfterRoute(
            method,
            "Fallback",
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(model))))));
}
