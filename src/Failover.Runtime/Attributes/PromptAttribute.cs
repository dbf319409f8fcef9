using System;

namespace Failover;

/// <summary>
/// The user message, as a template whose <c>{name}</c> placeholders are the method's parameters.
/// Write <c>{{</c> and <c>}}</c> for literal braces. The generator compiles the template; nothing is parsed at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PromptAttribute : Attribute
{
    /// <summary>Declares the user message template.</summary>
    public PromptAttribute(string template) => Template = template;

    /// <summary>The template text.</summary>
    public string Template { get; }
}

/// <summary>The system message, as a template with the same placeholder rules as <see cref="PromptAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class SystemPromptAttribute : Attribute
{
    /// <summary>Declares the system message template.</summary>
    public SystemPromptAttribute(string template) => Template = template;

    /// <summary>The template text.</summary>
    public string Template { get; }
}
