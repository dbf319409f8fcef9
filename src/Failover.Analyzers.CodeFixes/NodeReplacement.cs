using System;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis.CodeFixes;

/// <summary>
/// One fix a <see cref="NodeReplacingCodeFix"/> offers: its title and equivalence key, the node it rewrites and how
/// to build the new node (only when the fix is applied).
/// </summary>
internal sealed record NodeReplacement(string Title, string EquivalenceKey, SyntaxNode Target, Func<SyntaxNode> Replacement);
