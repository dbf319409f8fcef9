using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>FO103: adds <c>[Retry(MaxAttempts = 3)]</c> to the route method (transient failures only).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRetryCodeFix)), Shared]
public sealed class AddRetryCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NoRetryRule);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add [Retry(MaxAttempts = 3)]",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, AddRetry(method)))),
                    equivalenceKey: nameof(AddRetryCodeFix)),
                diagnostic);
        }
    }

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
