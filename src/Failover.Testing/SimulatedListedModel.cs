using System;
using System.Collections.Generic;

namespace Failover.Testing;

/// <summary>
/// One model in a provider's scripted model list (<see cref="SimulatedModelList"/>). Each provider's list endpoint
/// serves the fields it really has: OpenAI only the id; Anthropic id, display name, limits and capabilities;
/// Gemini name, limits and generation methods. None of the three lists has a deprecation marker: a retired model
/// is one that is no longer listed (remove it with <see cref="SimulatedModelList.Remove(string)"/>).
/// </summary>
/// <param name="Id">The model name as the provider's API calls it, e.g. <c>gpt-5-mini</c>, <c>claude-sonnet-4-5</c>, <c>gemini-2.5-flash</c>.</param>
public sealed record SimulatedListedModel(string Id)
{
    /// <summary>A human-readable name (Anthropic <c>display_name</c>, Gemini <c>displayName</c>); the id when null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The input limit (Anthropic <c>max_input_tokens</c>, Gemini <c>inputTokenLimit</c>); not served when null.</summary>
    public int? InputTokenLimit { get; init; }

    /// <summary>The output limit (Anthropic <c>max_tokens</c>, Gemini <c>outputTokenLimit</c>); not served when null.</summary>
    public int? OutputTokenLimit { get; init; }

    /// <summary>Gemini <c>supportedGenerationMethods</c>; <c>generateContent</c>, <c>streamGenerateContent</c> and <c>countTokens</c> when null.</summary>
    public IReadOnlyList<string>? SupportedGenerationMethods { get; init; }

    /// <summary>Anthropic <c>capabilities.image_input.supported</c>; the capabilities object is not served when both flags are null.</summary>
    public bool? ImageInput { get; init; }

    /// <summary>Anthropic <c>capabilities.structured_outputs.supported</c>.</summary>
    public bool? StructuredOutputs { get; init; }

    /// <summary>The release time (Anthropic <c>created_at</c>, OpenAI <c>created</c>); the simulator's clock when null.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
