using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>Metadata names of the runtime types the generator and analyzers recognise.</summary>
internal static class KnownNames
{
    public const string ModelRouteAttribute = "Failover.ModelRouteAttribute";
    public const string FallbackAttribute = "Failover.FallbackAttribute";
    public const string RetryAttribute = "Failover.RetryAttribute";
    public const string RouteTimeoutAttribute = "Failover.RouteTimeoutAttribute";
    public const string PromptAttribute = "Failover.PromptAttribute";
    public const string SystemPromptAttribute = "Failover.SystemPromptAttribute";
    public const string HedgeAttribute = "Failover.HedgeAttribute";
    public const string CanaryAttribute = "Failover.CanaryAttribute";
    public const string CanaryKeyAttribute = "Failover.CanaryKeyAttribute";
    public const string DegradeAttribute = "Failover.DegradeAttribute";
    public const string JsonContextAttribute = "Failover.JsonContextAttribute";
    public const string ChatDefaultsAttribute = "Failover.ChatDefaultsAttribute";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string ChatMessage = "Microsoft.Extensions.AI.ChatMessage";
    public const string ChatResponse = "Microsoft.Extensions.AI.ChatResponse";
    public const string ChatResponseUpdate = "Microsoft.Extensions.AI.ChatResponseUpdate";
    public const string RouteResult = "Failover.RouteResult`1";

    /// <summary>
    /// Whether <paramref name="symbol"/> displays as <paramref name="displayName"/> (such as <see cref="FallbackAttribute"/>
    /// or <c>Failover.RouteResult&lt;T&gt;</c>). Its simple name is compared first: ToDisplayString is costly, and the
    /// parser asks this for every attribute and parameter of every route.
    /// </summary>
    public static bool Is(ISymbol? symbol, string displayName)
    {
        if (symbol is null)
        {
            return false;
        }

        var name = symbol.Name;
        var end = displayName.IndexOf('<');
        end = end < 0 ? displayName.Length : end;
        return end > name.Length
            && displayName[end - name.Length - 1] == '.'
            && string.CompareOrdinal(displayName, end - name.Length, name, 0, name.Length) == 0
            && symbol.ToDisplayString() == displayName;
    }
}
