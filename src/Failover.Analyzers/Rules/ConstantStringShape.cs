using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Failover.CodeAnalysis.Analyzers;

/// <summary>
/// A syntactic test FO114 runs before asking the compiler for a constant value: whether an expression could be a
/// constant string at all. A constant string is built only from string literals, names of constants, <c>nameof</c>,
/// constant interpolated strings (holes that are constant strings, no alignment or format) and <c>+</c> of those; so
/// <c>i + 1</c>, <c>a + Call()</c> or <c>x[0] + "!"</c> need no binding.
/// </summary>
internal static class ConstantStringShape
{
    public static bool MayBeConstantString(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => MayBeConstantString(parenthesized.Expression),
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.AddExpression) && MayBeConstantString(binary.Left) && MayBeConstantString(binary.Right),
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.NullLiteralExpression),
        InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.All(static c =>
            c is not InterpolationSyntax hole || (hole.AlignmentClause is null && hole.FormatClause is null && MayBeConstantString(hole.Expression))),
        IdentifierNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => true,
        MemberAccessExpressionSyntax access => access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && MayBeConstantString(access.Expression),
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } => true,
        CastExpressionSyntax cast => MayBeConstantString(cast.Expression),
        PredefinedTypeSyntax or GenericNameSyntax => true,
        _ => false,
    };
}
