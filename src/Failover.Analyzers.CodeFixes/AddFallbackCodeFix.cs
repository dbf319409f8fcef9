using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>
/// FO100 / FO101 / FO102: adds <c>[Fallback("…")]</c> with the model the analyzer chose from the catalog (another
/// provider, every required capability, enough context, the route's region, the route's tier).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFallbackCodeFix)), Shared]
public sealed class AddFallbackCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.NoFallback, DiagnosticIds.CriticalRouteWithoutFallback, DiagnosticIds.FallbacksNotProviderDiverse);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(RouteFacts.SuggestedFallback, out var model) || model is null
                || root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [Fallback(\"{model}\")]",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, AddFallback(method, model)))),
                    equivalenceKey: nameof(AddFallbackCodeFix)),
                diagnostic);
        }
    }

    private static MethodDeclarationSyntax AddFallback(MethodDeclarationSyntax method, string model) =>
        AttributeListEditor.AddAfterRoute(
            method,
            "Fallback",
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(model))))));
}
