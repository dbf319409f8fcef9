using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>
/// FO116: appends <c>CancellationToken cancellationToken = default</c> to the route method. The type is written fully
/// qualified and annotated: <see cref="ImportAdder"/> adds <c>using System.Threading;</c> when the file lacks it, and the
/// code action's clean-up shortens the name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCancellationTokenCodeFix)), Shared]
public sealed class AddCancellationTokenCodeFix : NodeReplacingCodeFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingCancellationToken);

    private protected override NodeReplacement? FixFor(Diagnostic diagnostic, SyntaxNode node) =>
        MethodAt(node) is { } method
            ? new NodeReplacement("Add a CancellationToken parameter", nameof(AddCancellationTokenCodeFix), method, () => AddParameter(method))
            : null;

    private protected override Task<Document> CompleteAsync(Document document, CancellationToken cancellationToken) =>
        ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);

    private static MethodDeclarationSyntax AddParameter(MethodDeclarationSyntax method)
    {
        var name = "cancellationToken";
        for (var i = 1; method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name); i++)
        {
            name = "cancellationToken" + i;
        }

        var type = SyntaxFactory.ParseTypeName("global::System.Threading.CancellationToken")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
            .WithType(type)
            .WithDefault(SyntaxFactory.EqualsValueClause(SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return method.WithParameterList(method.ParameterList.AddParameters(parameter));
    }
}
