namespace Failover.CodeAnalysis;

/// <summary>A prompt template split at build time into literal text and placeholders.</summary>
internal sealed record TemplateModel(string Text, EquatableArray<TemplateSegment> Segments, LocationInfo? Location);

/// <summary>Literal text, or a placeholder naming a parameter.</summary>
internal sealed record TemplateSegment(bool IsPlaceholder, string Value);
