using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>FO103: adds <c>[Retry(MaxAttempts = 3)]</c> to the route method (transient failures only).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRetryCodeFix)), Shared]
public sealed class AddRetryCodeFix : NodeReplacingCodeFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NoRetryRule);

    // A route whose own [Retry] has MaxAttempts = 1 is fixed by editing that attribute, not by adding a second one.
    private protected override NodeReplacement? FixFor(Diagnostic diagnostic, SyntaxNode node) =>
        !diagnostic.Properties.ContainsKey(Analyzers.RetryRuleAnalyzer.RetryOnMethod) && MethodAt(node) is { } method
            ? new NodeReplacement("Add [Retry(MaxAttempts = 3)]", nameof(AddRetryCodeFix), method, () => AddRetry(method))
            : null;

    private static MethodDeclarationSyntax AddRetry(MethodDeclarationSyntax method) =>
        AttributeListEditor.AddAfterRoute(
            method,
            "Retry",
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(
                    SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("MaxAttempts")),
                    null,
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(3))))));
}
