using Failover;

namespace SupportDesk;

/// <summary>The AI calls of a support desk. Each method is a route: a primary model, backups chosen for the task, and retry rules.</summary>
public interface ISupportDesk
{
    /// <summary>Cheap and fast, called for every ticket: three providers deep.</summary>
    [ModelRoute("openai/gpt-5-mini", Name = "ticket.classify", Tier = RouteTier.Classification, Owner = "support-triage")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 2, BaseDelayMs = 50, MaxDelayMs = 2000)]
    [SystemPrompt("You triage support tickets. Answer with one word: billing, bug, account or other.")]
    [SystemPrompt("You triage support tickets. Reply with exactly one lowercase word from this list and nothing else: billing, bug, account, other.", For = "anthropic")]
    [Prompt("Classify this support ticket.\nTicket: {ticket}")]
    [Prompt("<ticket>{ticket}</ticket>\nClassify the support ticket above.", For = "anthropic")]
    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

    /// <summary>What the customer reads: critical, so it may never be without a backup on another provider.</summary>
    [ModelRoute("anthropic/claude-sonnet-4-5", Name = "reply.draft", Tier = RouteTier.Generation, Owner = "support-experience", Criticality = Criticality.Critical)]
    [Fallback("openai/gpt-5")]
    [Retry(MaxAttempts = 3, BaseDelayMs = 50, MaxDelayMs = 2000)]
    [SystemPrompt("You write short, friendly replies to customer support tickets.")]
    [Prompt("Draft a reply to this {category} ticket.\nTicket: {ticket}")]
    Task<string> DraftReplyAsync(string ticket, string category, CancellationToken cancellationToken = default);

    /// <summary>Structured fields for the billing system.</summary>
    [ModelRoute("google/gemini-2.5-flash", Name = "fields.extract", Tier = RouteTier.Extraction, Owner = "billing-ops")]
    [Fallback("openai/gpt-5-mini")]
    [Retry(MaxAttempts = 2, BaseDelayMs = 50, MaxDelayMs = 2000)]
    [Prompt("Extract the order number and amount as JSON.\nTicket: {ticket}")]
    Task<string> ExtractFieldsAsync(string ticket, CancellationToken cancellationToken = default);
}
