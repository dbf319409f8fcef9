using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>
/// FO103: adds <c>[Retry(MaxAttempts = 3)]</c> to the route method (transient failures only); where the method's own
/// <c>[Retry]</c> has <c>MaxAttempts = 1</c>, sets it to 3 instead of adding a second attribute.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRetryCodeFix)), Shared]
public sealed class AddRetryCodeFix : NodeReplacingCodeFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NoRetryRule);

    private protected override NodeReplacement? FixFor(Diagnostic diagnostic, SyntaxNode node)
    {
        // A route whose own [Retry] has MaxAttempts = 1 is fixed by editing that attribute, not by adding a second one.
        if (diagnostic.Properties.ContainsKey(Analyzers.RetryRuleAnalyzer.RetryOnMethod))
        {
            return node.FirstAncestorOrSelf<AttributeSyntax>() is { ArgumentList: { } arguments } attribute
                && arguments.Arguments.FirstOrDefault(static a => a.NameEquals?.Name.Identifier.ValueText == "MaxAttempts") is { } maxAttempts
                    ? new NodeReplacement("Set MaxAttempts = 3", nameof(AddRetryCodeFix) + ".Set", maxAttempts, () => maxAttempts.WithExpression(Three()))
                    : null;
        }

        return MethodAt(node) is { } method
            ? new NodeReplacement("Add [Retry(MaxAttempts = 3)]", nameof(AddRetryCodeFix), method, () => AddRetry(method))
            : null;
    }

    private static ExpressionSyntax Three() => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(3));

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
