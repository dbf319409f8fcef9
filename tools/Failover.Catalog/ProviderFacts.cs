using Failover.CodeAnalysis.Catalog;

namespace Failover.Catalog;

/// <summary>
/// What one source (a provider's model list or a LiteLLM price file) says about one model. Null or unreported
/// means the source does not say, so the catalog keeps its value.
/// </summary>
/// <param name="Id">The catalog id, <c>provider/model</c>.</param>
internal sealed record ProviderFacts(string Id)
{
    public int? ContextWindow { get; init; }

    public int? MaxOutputTokens { get; init; }

    /// <summary>The capabilities the source reports on, supported or not.</summary>
    public ModelCapabilities Reported { get; init; }

    /// <summary>Of <see cref="Reported"/>, the ones the model has.</summary>
    public ModelCapabilities Supported { get; init; }

    public double? InputPerMillion { get; init; }

    public double? OutputPerMillion { get; init; }

    /// <summary>The <c>yyyy-MM-dd</c> day the model stops (or stopped) being served.</summary>
    public string? ShutdownDate { get; init; }

    /// <summary>False for models that do not chat (embeddings, images, speech): never added to the catalog.</summary>
    public bool IsChat { get; init; } = true;

    /// <summary>Fills what this source does not say from <paramref name="other"/> (a lower-precedence source).</summary>
    public ProviderFacts Over(ProviderFacts? other) => other is null ? this : this with
    {
        ContextWindow = ContextWindow ?? other.ContextWindow,
        MaxOutputTokens = MaxOutputTokens ?? other.MaxOutputTokens,
        Reported = Reported | other.Reported,
        Supported = Supported | (other.Supported & ~Reported),
        InputPerMillion = InputPerMillion ?? other.InputPerMillion,
        OutputPerMillion = OutputPerMillion ?? other.OutputPerMillion,
        ShutdownDate = ShutdownDate ?? other.ShutdownDate,
        IsChat = IsChat && other.IsChat,
    };
}
