using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Every FO diagnostic, in one place. FO0xx: declarations the generator cannot implement (reported by the
/// generator). FO1xx: routes that compile but are unsafe (reported by the analyzers). Each id has a section in
/// docs/diagnostics.md that the help link points to.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/failover-dotnet/failover/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor UnsupportedMethodShape = Create(
        DiagnosticIds.UnsupportedMethodShape,
        "Route method shape is not supported",
        "Route '{0}' cannot be generated: {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RouteOutsideInterface = Create(
        DiagnosticIds.RouteOutsideInterface,
        "[ModelRoute] is only valid on interface methods",
        "[ModelRoute] on '{0}' is ignored: routes are declared on interface methods, and Failover generates the implementation; move the method to an interface",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MalformedModelId = Create(
        DiagnosticIds.MalformedModelId,
        "Model id is not of the form provider/model",
        "Route '{0}' names model '{1}', which is not of the form 'provider/model' (for example 'openai/gpt-5-mini'); the provider part selects the client and judges provider diversity",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownPlaceholder = Create(
        DiagnosticIds.UnknownPlaceholder,
        "Prompt placeholder names no parameter",
        "The {0} template of route '{1}' uses placeholder '{{{2}}}', but the method has no parameter named '{2}'; add the parameter or fix the placeholder (write '{{{{' for a literal brace)",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnusedParameter = Create(
        DiagnosticIds.UnusedParameter,
        "Parameter is not used by the prompt",
        "Parameter '{0}' of route '{1}' appears in no prompt template, so the model never sees it; add '{{{0}}}' to the [Prompt] or remove the parameter",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MalformedTemplate = Create(
        DiagnosticIds.MalformedTemplate,
        "Prompt template is malformed",
        "The {0} template of route '{1}' is malformed: {2}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NoInput = Create(
        DiagnosticIds.NoInput,
        "Route sends nothing to the model",
        "Route '{0}' has neither a [Prompt] template nor a messages parameter (IEnumerable<ChatMessage>); add one so the model receives a request",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidAttributeValue = Create(
        DiagnosticIds.InvalidAttributeValue,
        "Attribute value is out of range",
        "Route '{0}': {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidDegrade = Create(
        DiagnosticIds.InvalidDegrade,
        "Degradation method is missing or has the wrong signature",
        "Route '{0}': [Degrade] {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidCanaryKey = Create(
        DiagnosticIds.InvalidCanaryKey,
        "Canary key parameter is invalid",
        "Route '{0}': {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: null, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
