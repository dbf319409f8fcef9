using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>Adds an attribute to a route method beside its [ModelRoute]/[Fallback] attributes, on its own line.</summary>
internal static class AttributeListEditor
{
    /// <summary>
    /// Inserts <c>[Name(arguments)]</c> after the last [Fallback] list (or the [ModelRoute] list when there is none),
    /// with that list's indentation and line ending. The attribute name keeps the qualification [ModelRoute] was written with.
    /// </summary>
    public static MethodDeclarationSyntax AddAfterRoute(MethodDeclarationSyntax method, string name, AttributeArgumentListSyntax arguments)
    {
        var lists = method.AttributeLists;
        var anchorIndex = LastIndex(lists, "Fallback");
        if (anchorIndex < 0)
        {
            anchorIndex = LastIndex(lists, "ModelRoute");
        }

        if (anchorIndex < 0)
        {
            anchorIndex = lists.Count - 1;
        }

        var anchor = lists[anchorIndex];
        var attributeName = QualifyLike(anchor.Attributes.First().Name, name);
        var indentation = anchor.GetLeadingTrivia().Reverse().TakeWhile(static t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(attributeName, arguments)))
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(anchor.GetTrailingTrivia());
        return method.WithAttributeLists(lists.Insert(anchorIndex + 1, list));
    }

    private static int LastIndex(SyntaxList<AttributeListSyntax> lists, string name)
    {
        for (var i = lists.Count - 1; i >= 0; i--)
        {
            if (lists[i].Attributes.Any(a => SimpleName(a.Name) is var n && (n == name || n == name + "Attribute")))
            {
                return i;
            }
        }

        return -1;
    }

    private static string SimpleName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => name.ToString(),
    };

    private static NameSyntax QualifyLike(NameSyntax existing, string name) => existing switch
    {
        QualifiedNameSyntax q => SyntaxFactory.QualifiedName(q.Left.WithoutTrivia(), SyntaxFactory.IdentifierName(name)),
        AliasQualifiedNameSyntax a => SyntaxFactory.AliasQualifiedName(a.Alias.WithoutTrivia(), SyntaxFactory.IdentifierName(name)),
        _ => SyntaxFactory.IdentifierName(name),
    };
}
