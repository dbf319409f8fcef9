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
/// Writes the model the analyzer named instead of the one in the attribute: the "did you mean" id for an unknown model
/// (FO107), the catalog's replacement for a deprecated or disabled one (FO108 / FO109), a fallback of the class or price
/// the route needs (FO120 / FO121), a cheaper primary that suits the route's tier (FO122). Only a literal id is rewritten.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceModelCodeFix)), Shared]
public sealed class ReplaceModelCodeFix : NodeReplacingCodeFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.UnknownModel,
        DiagnosticIds.DeprecatedModel,
        DiagnosticIds.DisabledModel,
        DiagnosticIds.FallbackBelowTier,
        DiagnosticIds.FallbackMuchMoreExpensive,
        DiagnosticIds.CheapTierOnFrontierModel);

    private protected override NodeReplacement? FixFor(Diagnostic diagnostic, SyntaxNode node)
    {
        if (!diagnostic.Properties.TryGetValue(RouteFacts.ReplacementModel, out var model) || model is null
            || node.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
            || attribute.ArgumentList?.Arguments.FirstOrDefault(static a => a.NameEquals is null && a.NameColon is null)?.Expression is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return null;
        }

        var title = diagnostic.Id switch
        {
            DiagnosticIds.UnknownModel => $"Use '{model}'",
            DiagnosticIds.CheapTierOnFrontierModel => $"Move the primary to '{model}'",
            _ => $"Replace with '{model}'",
        };
        return new NodeReplacement(
            title,
            nameof(ReplaceModelCodeFix) + diagnostic.Id,
            literal,
            () => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(model)).WithTriviaFrom(literal));
    }
}
