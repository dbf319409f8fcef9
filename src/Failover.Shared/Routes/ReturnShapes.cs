using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>Recognises the return types a route method may declare.</summary>
internal static class ReturnShapes
{
    public const string SupportedList = "Task<string>, ValueTask<string>, Task<ChatResponse> or ValueTask<ChatResponse>";

    public static ReturnModel? Read(ITypeSymbol returnType)
    {
        if (returnType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            return null;
        }

        var wrapper = named.ConstructedFrom.ToDisplayString();
        var isValueTask = wrapper == "System.Threading.Tasks.ValueTask<TResult>";
        if (!isValueTask && wrapper != "System.Threading.Tasks.Task<TResult>")
        {
            return null;
        }

        var value = named.TypeArguments[0];
        var full = returnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var valueName = value.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (value.SpecialType == SpecialType.System_String)
        {
            return new ReturnModel(ReturnKind.Text, isValueTask, full, valueName);
        }

        if (value.ToDisplayString() == KnownNames.ChatResponse)
        {
            return new ReturnModel(ReturnKind.ChatResponse, isValueTask, full, valueName);
        }

        return null;
    }
}
