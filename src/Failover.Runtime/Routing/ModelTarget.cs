using System;

namespace Failover;

/// <summary>One model in a route's chain, with what the catalog said about it at build time.</summary>
public sealed class ModelTarget
{
    /// <summary>Creates a chain entry.</summary>
    /// <param name="id">The model id, <c>provider/model</c>.</param>
    /// <param name="contextWindow">The context window in tokens, 0 when unknown.</param>
    /// <param name="inputPricePerMillion">US dollars per million input tokens, when known.</param>
    /// <param name="outputPricePerMillion">US dollars per million output tokens, when known.</param>
    /// <param name="acceptsPrefill">Whether the model accepts a trailing assistant message as a prefill to continue (catalog capability <c>prefill</c>).</param>
    public ModelTarget(string id, int contextWindow = 0, decimal? inputPricePerMillion = null, decimal? outputPricePerMillion = null, bool acceptsPrefill = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var slash = id.IndexOf('/');
        if (slash <= 0 || slash == id.Length - 1)
        {
            throw new ArgumentException($"Model id '{id}' is not of the form 'provider/model'.", nameof(id));
        }

        Id = id;
        Provider = id[..slash];
        Model = id[(slash + 1)..];
        ContextWindow = contextWindow;
        InputPricePerMillion = inputPricePerMillion;
        OutputPricePerMillion = outputPricePerMillion;
        AcceptsPrefill = acceptsPrefill;
    }

    /// <summary>Whether the catalog says the model continues a trailing assistant message (needed by <see cref="StreamRecovery.Continue"/>).</summary>
    public bool AcceptsPrefill { get; }

    /// <summary>The full id, <c>provider/model</c>.</summary>
    public string Id { get; }

    /// <summary>The provider part of the id: the name the provider's client is registered under.</summary>
    public string Provider { get; }

    /// <summary>The model part of the id, sent to the provider.</summary>
    public string Model { get; }

    /// <summary>The context window in tokens; 0 when the catalog did not know it.</summary>
    public int ContextWindow { get; }

    /// <summary>US dollars per million input tokens.</summary>
    public decimal? InputPricePerMillion { get; }

    /// <summary>US dollars per million output tokens.</summary>
    public decimal? OutputPricePerMillion { get; }

    /// <summary>
    /// The breakers the last health store that asked about this target keeps for it, so that the per-call health query
    /// is one field read instead of a weak-table lookup. Owned by <see cref="InMemoryRouteHealthStore"/>, which checks the
    /// entry is its own (a target can be asked about by several stores); the store stays the source of truth.
    /// </summary>
    internal volatile object? HealthCache;

    /// <summary>The cost of a call with the given token counts, or null when the prices are unknown.</summary>
    public decimal? CostOf(long inputTokens, long outputTokens) =>
        InputPricePerMillion is { } input && OutputPricePerMillion is { } output
            ? ((inputTokens * input) + (outputTokens * output)) / 1_000_000m
            : null;

    /// <inheritdoc/>
    public override string ToString() => Id;
}
