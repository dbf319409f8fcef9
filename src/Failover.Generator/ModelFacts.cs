namespace Failover.CodeAnalysis;

/// <summary>What the runtime needs to know about one catalog model, embedded in the generated route table.</summary>
/// <param name="InputPrice">US dollars per million input tokens as decimal literal text read from the catalog (no double round trip), or null.</param>
/// <param name="OutputPrice">US dollars per million output tokens, likewise.</param>
/// <param name="AcceptsPrefill">Whether the model continues a trailing assistant message (catalog capability <c>prefill</c>).</param>
internal sealed record ModelFacts(string Id, int ContextWindow, string? InputPrice, string? OutputPrice, bool AcceptsPrefill = false);
