using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Builds the messages of a generated route method: the rendered system prompt, the caller's conversation and the
/// rendered user prompt, in that order. Generated clients call it instead of repeating the same statements in every
/// method, so that a route compiles to one call (docs/performance.md, "Build cost").
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RouteMessages
{
    /// <summary>The messages of a route without a conversation parameter; a null prompt is left out.</summary>
    /// <param name="system">The rendered system prompt, or null when the route has none.</param>
    /// <param name="prompt">The rendered user prompt, or null when the route has none.</param>
    public static List<ChatMessage> Prompt(string? system, string? prompt)
    {
        var messages = new List<ChatMessage>((system is null ? 0 : 1) + (prompt is null ? 0 : 1));
        if (system is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, system));
        }

        if (prompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt));
        }

        return messages;
    }

    /// <summary>The messages of a route with a conversation parameter: system prompt, the conversation, then the user prompt.</summary>
    /// <param name="system">The rendered system prompt, or null when the route has none.</param>
    /// <param name="conversation">The caller's messages.</param>
    /// <param name="prompt">The rendered user prompt, or null when the route has none.</param>
    /// <param name="parameterName">The route method's parameter, named in the exception when <paramref name="conversation"/> is null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    public static List<ChatMessage> Conversation(string? system, IEnumerable<ChatMessage> conversation, string? prompt, [CallerArgumentExpression(nameof(conversation))] string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(conversation, parameterName);
        var fixedCount = (system is null ? 0 : 1) + (prompt is null ? 0 : 1);
        var messages = new List<ChatMessage>(fixedCount + (conversation is ICollection<ChatMessage> collection ? collection.Count : 4));
        if (system is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, system));
        }

        messages.AddRange(conversation);
        if (prompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt));
        }

        return messages;
    }

    /// <summary>The messages of a route with per-family prompts and no conversation parameter: the defaults, then each family's texts (null keeps the default).</summary>
    /// <param name="system">The rendered default system prompt, or null when the route has none.</param>
    /// <param name="prompt">The rendered default user prompt, or null when the route has none.</param>
    /// <param name="families">Each family's rendered system prompt and user prompt, in declaration order.</param>
    public static PromptMessages PromptFamilies(string? system, string? prompt, (string? System, string? Prompt)[] families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var messages = new PromptMessages((system is null ? 0 : 1) + (prompt is null ? 0 : 1), system is not null, prompt is not null);
        if (system is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, system));
        }

        if (prompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt));
        }

        return AddFamilies(messages, families);
    }

    /// <summary>The messages of a route with per-family prompts and a conversation parameter: system prompt, conversation, user prompt, then each family's texts.</summary>
    /// <param name="system">The rendered default system prompt, or null when the route has none.</param>
    /// <param name="conversation">The caller's messages.</param>
    /// <param name="prompt">The rendered default user prompt, or null when the route has none.</param>
    /// <param name="families">Each family's rendered system prompt and user prompt, in declaration order.</param>
    /// <param name="parameterName">The route method's parameter, named in the exception when <paramref name="conversation"/> is null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    public static PromptMessages ConversationFamilies(string? system, IEnumerable<ChatMessage> conversation, string? prompt, (string? System, string? Prompt)[] families, [CallerArgumentExpression(nameof(conversation))] string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(conversation, parameterName);
        ArgumentNullException.ThrowIfNull(families);
        var fixedCount = (system is null ? 0 : 1) + (prompt is null ? 0 : 1);
        var messages = new PromptMessages(fixedCount + (conversation is ICollection<ChatMessage> collection ? collection.Count : 4), system is not null, prompt is not null);
        if (system is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, system));
        }

        messages.AddRange(conversation);
        if (prompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt));
        }

        return AddFamilies(messages, families);
    }

    private static PromptMessages AddFamilies(PromptMessages messages, (string? System, string? Prompt)[] families)
    {
        foreach (var (system, prompt) in families)
        {
            messages.AddVariant(system, prompt);
        }

        return messages;
    }
}
