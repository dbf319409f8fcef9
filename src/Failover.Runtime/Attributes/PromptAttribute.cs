using System;

namespace Failover;

/// <summary>
/// The user message, as a template whose <c>{name}</c> placeholders are the method's parameters.
/// Write <c>{{</c> and <c>}}</c> for literal braces. The generator compiles the template; nothing is parsed at run time.
/// </summary>
/// <remarks>
/// Repeat the attribute with <see cref="For"/> to give a model family its own wording where instructions do not carry
/// over: <c>[Prompt("...")]</c> is what every model gets, <c>[Prompt("...", For = "anthropic")]</c> what Anthropic's
/// models get instead. Each template is checked at compile time like the default one (FO005, FO006, FO119).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PromptAttribute : Attribute
{
    /// <summary>Declares the user message template.</summary>
    public PromptAttribute(string template) => Template = template;

    /// <summary>The template text.</summary>
    public string Template { get; }

    /// <summary>
    /// The model family that gets this template instead of the default: a provider (<c>anthropic</c>) or one model
    /// (<c>anthropic/claude-sonnet-4-5</c>, which wins over its provider). Null for the default template.
    /// </summary>
    public string? For { get; set; }
}

/// <summary>The system message, as a template with the same placeholder rules as <see cref="PromptAttribute"/>.</summary>
/// <remarks>
/// Repeat it with <see cref="For"/> for a model family's own system message. The method's system prompts replace the
/// interface's: when the method declares any, the interface's are not used for that route.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class SystemPromptAttribute : Attribute
{
    /// <summary>Declares the system message template.</summary>
    public SystemPromptAttribute(string template) => Template = template;

    /// <summary>The template text.</summary>
    public string Template { get; }

    /// <summary>The model family that gets this template instead of the default (see <see cref="PromptAttribute.For"/>); null for the default.</summary>
    public string? For { get; set; }
}
