using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The messages of a call on a route that gives some model families their own prompt or system prompt
/// (<c>[Prompt(..., For = "anthropic")]</c>). The list itself holds what every other model gets; each variant, added in
/// the order of <see cref="RouteDescriptor.PromptVariants"/>, holds the rendered texts that replace the default system
/// message (the first) and user message (the last). Generated clients build it; the engine sends each attempt the
/// messages of its model's variant, built once per call and variant.
/// </summary>
public sealed class PromptMessages : List<ChatMessage>
{
    private readonly bool _hasSystem;
    private readonly bool _hasPrompt;
    private readonly List<(string? System, string? Prompt)> _variants = new(2);
    private List<ChatMessage>?[]? _built;

    /// <summary>Creates the list.</summary>
    /// <param name="capacity">The default messages' count.</param>
    /// <param name="hasSystem">Whether the first message is the route's default system prompt.</param>
    /// <param name="hasPrompt">Whether the last message is the route's default user prompt.</param>
    public PromptMessages(int capacity, bool hasSystem, bool hasPrompt)
        : base(capacity)
    {
        _hasSystem = hasSystem;
        _hasPrompt = hasPrompt;
    }

    /// <summary>Adds the next variant's texts; null keeps the default message (or adds none, when the route has no default).</summary>
    public void AddVariant(string? system, string? prompt) => _variants.Add((system, prompt));

    /// <summary>The messages variant <paramref name="index"/> sends; the list itself when there is no such variant.</summary>
    internal IList<ChatMessage> Variant(int index)
    {
        if ((uint)index >= (uint)_variants.Count)
        {
            return this;
        }

        _built ??= new List<ChatMessage>?[_variants.Count];

        // Hedged attempts may build the same variant at once; both build equal lists and either may be kept.
        return _built[index] ??= Build(_variants[index]);
    }

    private List<ChatMessage> Build((string? System, string? Prompt) variant)
    {
        var start = _hasSystem ? 1 : 0;
        var end = Count - (_hasPrompt ? 1 : 0);
        var messages = new List<ChatMessage>(Count + 2);
        if (variant.System is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, variant.System));
        }
        else if (_hasSystem)
        {
            messages.Add(this[0]);
        }

        for (var i = start; i < end; i++)
        {
            messages.Add(this[i]);
        }

        if (variant.Prompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, variant.Prompt));
        }
        else if (_hasPrompt)
        {
            messages.Add(this[Count - 1]);
        }

        return messages;
    }
}
