namespace Failover.CodeAnalysis;

/// <summary>What the runtime needs to know about one catalog model, embedded in the generated route table.</summary>
internal sealed record ModelFacts(string Id, int ContextWindow, double? InputPricePerMillion, double? OutputPricePerMillion, bool AcceptsPrefill = false);
