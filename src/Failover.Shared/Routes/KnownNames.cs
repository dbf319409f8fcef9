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
}
