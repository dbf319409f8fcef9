using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Which method calls are model calls that bypass routes (FO118, and the generated list of unrouted calls): the
/// Microsoft.Extensions.AI <c>IChatClient</c> chat methods and their <c>ChatClientExtensions</c> overloads, the official
/// OpenAI SDK's <c>ChatClient.CompleteChat*</c> and the official Anthropic SDK's <c>Messages.Create*</c>. Calls made inside an
/// <c>IChatClient</c> implementation (providers, <c>DelegatingChatClient</c> middleware) are how routes reach models, not bypasses.
/// </summary>
internal static class ModelCallSites
{
    private const string ExtensionsAiNamespace = "Microsoft.Extensions.AI";

    /// <summary>A cheap syntactic filter: only invocations of a member with one of these names can be model calls.</summary>
    public static bool IsCandidateName(string name) =>
        name is "GetResponseAsync" or "GetStreamingResponseAsync"
            or "CompleteChat" or "CompleteChatAsync" or "CompleteChatStreaming" or "CompleteChatStreamingAsync"
            or "Create" or "CreateStreaming";

    /// <summary>The API a call of <paramref name="method"/> makes (for example <c>IChatClient.GetResponseAsync</c>), or null when it is no model call.</summary>
    public static string? Describe(IMethodSymbol method)
    {
        var target = method.ReducedFrom ?? method;
        var type = target.ContainingType;
        if (type is null || !IsCandidateName(target.Name))
        {
            return null;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        switch (target.Name)
        {
            case "GetResponseAsync" or "GetStreamingResponseAsync":
                if (ns == ExtensionsAiNamespace && type.Name == "IChatClient")
                {
                    return "IChatClient." + target.Name;
                }

                if (ns == ExtensionsAiNamespace && target.IsStatic && target.IsExtensionMethod && target.Parameters.Length > 0 && IsChatClient(target.Parameters[0].Type))
                {
                    return type.Name + "." + target.Name;
                }

                // A concrete client called through its own type still answers IChatClient's contract.
                return !target.IsStatic && ImplementsChatClient(type) && ImplementsInterfaceMember(target, type) ? type.Name + "." + target.Name : null;
            case "CompleteChat" or "CompleteChatAsync" or "CompleteChatStreaming" or "CompleteChatStreamingAsync":
                return ns == "OpenAI.Chat" && type.Name == "ChatClient" ? "OpenAI ChatClient." + target.Name : null;
            default:
                return ns.StartsWith("Anthropic", System.StringComparison.Ordinal) && type.Name.Contains("MessageService")
                    ? "Anthropic Messages." + target.Name
                    : null;
        }
    }

    /// <summary>Whether code in <paramref name="type"/> (or a type it is nested in) is itself a chat client: a provider or middleware.</summary>
    public static bool IsInsideChatClient(INamedTypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (ImplementsChatClient(t))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ImplementsChatClient(INamedTypeSymbol type)
    {
        if (IsChatClient(type))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsChatClient(implemented))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ImplementsInterfaceMember(IMethodSymbol method, INamedTypeSymbol type)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (!IsChatClient(implemented))
            {
                continue;
            }

            foreach (var member in implemented.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method.OriginalDefinition)
                    || SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsChatClient(ITypeSymbol type) =>
        type.Name == "IChatClient" && type.ContainingNamespace?.ToDisplayString() == ExtensionsAiNamespace;
}
