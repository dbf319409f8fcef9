using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>Recognises the return types a route method may declare.</summary>
internal static class ReturnShapes
{
    public const string SupportedList = "Task<string>, Task<ChatResponse>, Task<T> for a class, record or struct T (structured output), Task<RouteResult<T>>, their ValueTask forms, IAsyncEnumerable<string> or IAsyncEnumerable<ChatResponseUpdate>";

    public static ReturnModel? Read(ITypeSymbol returnType)
    {
        if (returnType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            return null;
        }

        var full = returnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var wrapper = named.ConstructedFrom.ToDisplayString();
        var value = named.TypeArguments[0];
        var valueName = value.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (wrapper == "System.Collections.Generic.IAsyncEnumerable<T>")
        {
            return value.SpecialType == SpecialType.System_String
                ? new ReturnModel(ReturnKind.TextStream, false, full, valueName)
                : KnownNames.Is(value, KnownNames.ChatResponseUpdate) ? new ReturnModel(ReturnKind.UpdateStream, false, full, valueName) : null;
        }

        var isValueTask = wrapper == "System.Threading.Tasks.ValueTask<TResult>";
        if (!isValueTask && wrapper != "System.Threading.Tasks.Task<TResult>")
        {
            return null;
        }

        if (value is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } result
            && KnownNames.Is(result.ConstructedFrom, "Failover.RouteResult<T>"))
        {
            var inner = result.TypeArguments[0];
            return ValueKind(inner) is { } innerKind
                ? new ReturnModel(ReturnKind.RouteResult, isValueTask, full, inner.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), innerKind)
                : null;
        }

        return ValueKind(value) is { } kind ? new ReturnModel(kind, isValueTask, full, valueName) : null;
    }

    private static ReturnKind? ValueKind(ITypeSymbol value)
    {
        if (value.SpecialType == SpecialType.System_String)
        {
            return ReturnKind.Text;
        }

        if (KnownNames.Is(value, KnownNames.ChatResponse))
        {
            return ReturnKind.ChatResponse;
        }

        // Structured output: a user class, record or struct. Primitives, object, interfaces and type parameters are not.
        return value is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None, IsAbstract: false } named
            && !named.IsGenericType
            && !KnownNames.Is(value, KnownNames.ChatResponseUpdate)
                ? ReturnKind.Structured
                : null;
    }
}
