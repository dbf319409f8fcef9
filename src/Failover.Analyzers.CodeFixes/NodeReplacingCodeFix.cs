using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>
/// The shape every Failover code fix shares: for each diagnostic, find the node at its location, offer at most one
/// fix that replaces one node of the document, and fix all occurrences in a batch.
/// </summary>
public abstract class NodeReplacingCodeFix : CodeFixProvider
{
    private protected NodeReplacingCodeFix()
    {
    }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (FixFor(diagnostic, root.FindNode(diagnostic.Location.SourceSpan)) is not { } fix)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    fix.Title,
                    cancellationToken => CompleteAsync(context.Document.WithSyntaxRoot(root.ReplaceNode(fix.Target, fix.Replacement())), cancellationToken),
                    equivalenceKey: fix.EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The route method around a diagnostic's node, or null when it is not inside one.</summary>
    private protected static MethodDeclarationSyntax? MethodAt(SyntaxNode node) => node.FirstAncestorOrSelf<MethodDeclarationSyntax>();

    /// <summary>The fix for one diagnostic at <paramref name="node"/>, or null when there is none to offer.</summary>
    private protected abstract NodeReplacement? FixFor(Diagnostic diagnostic, SyntaxNode node);

    /// <summary>Finishes the changed document (imports, clean-up); by default returns it as it is.</summary>
    private protected virtual Task<Document> CompleteAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(document);
}
