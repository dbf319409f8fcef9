namespace Failover.CodeAnalysis;

/// <summary>A prompt template split at build time into literal text and placeholders.</summary>
internal sealed record TemplateModel(string Text, EquatableArray<TemplateSegment> Segments, LocationInfo? Location);

/// <summary>Literal text, or a placeholder naming a parameter.</summary>
internal sealed record TemplateSegment(bool IsPlaceholder, string Value);

/// <summary>
/// The templates a model family gets instead of the route's defaults (<c>For</c> of [Prompt] / [SystemPrompt]): a
/// provider or a full model id. A null template keeps the default of its kind.
/// </summary>
internal sealed record PromptVariantModel(string For, TemplateModel? SystemPrompt, TemplateModel? Prompt);
