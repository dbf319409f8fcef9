using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>
/// FO107 / FO108 / FO109: writes the model the analyzer named instead of the one in the attribute: the "did you mean"
/// id for an unknown model, the catalog's replacement for a deprecated or disabled one. Only a literal id is rewritten.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceModelCodeFix)), Shared]
public sealed class ReplaceModelCodeFix : NodeReplacingCodeFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.UnknownModel, DiagnosticIds.DeprecatedModel, DiagnosticIds.DisabledModel);

    private protected override NodeReplacement? FixFor(Diagnostic diagnostic, SyntaxNode node)
    {
        if (!diagnostic.Properties.TryGetValue(RouteFacts.ReplacementModel, out var model) || model is null
            || node.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
            || attribute.ArgumentList?.Arguments.FirstOrDefault(static a => a.NameEquals is null && a.NameColon is null)?.Expression is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return null;
        }

        return new NodeReplacement(
            diagnostic.Id == DiagnosticIds.UnknownModel ? $"Use '{model}'" : $"Replace with '{model}'",
            nameof(ReplaceModelCodeFix) + diagnostic.Id,
            literal,
            () => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(model)).WithTriviaFrom(literal));
    }
}
