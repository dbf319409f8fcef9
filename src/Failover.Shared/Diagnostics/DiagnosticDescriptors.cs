using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Every FO diagnostic, in one place. FO0xx: declarations the generator cannot implement. FO1xx: routes that
/// compile but are unsafe. The analyzers report every id (the generator reports none), from the shared parse. Each id has a section in
/// docs/diagnostics.md that the help link points to.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/failover-dotnet/failover/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor UnsupportedMethodShape = new(
        DiagnosticIds.UnsupportedMethodShape,
        "Route method shape is not supported",
        "Route '{0}' cannot be generated: {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo001");

    public static readonly DiagnosticDescriptor RouteOutsideInterface = new(
        DiagnosticIds.RouteOutsideInterface,
        "[ModelRoute] is only valid on interface methods",
        "[ModelRoute] on '{0}' is ignored: routes are declared on interface methods, and Failover generates the implementation; move the method to an interface",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo002");

    public static readonly DiagnosticDescriptor MalformedModelId = new(
        DiagnosticIds.MalformedModelId,
        "Model id is not of the form provider/model",
        "Route '{0}' names model '{1}', which is not of the form 'provider/model' (for example 'openai/gpt-5-mini'); the provider part selects the client and judges provider diversity",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo003");

    public static readonly DiagnosticDescriptor UnknownPlaceholder = new(
        DiagnosticIds.UnknownPlaceholder,
        "Prompt placeholder names no parameter",
        "The {0} template of route '{1}' uses placeholder '{{{2}}}', but the method has no parameter named '{2}'; add the parameter or fix the placeholder (write '{{{{' for a literal brace)",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo004");

    public static readonly DiagnosticDescriptor UnusedParameter = new(
        DiagnosticIds.UnusedParameter,
        "Parameter is not used by the prompt",
        "Parameter '{0}' of route '{1}' appears in no prompt template, so the model never sees it; add '{{{0}}}' to the [Prompt] or remove the parameter",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo005");

    public static readonly DiagnosticDescriptor MalformedTemplate = new(
        DiagnosticIds.MalformedTemplate,
        "Prompt template is malformed",
        "The {0} template of route '{1}' is malformed: {2}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo006");

    public static readonly DiagnosticDescriptor NoInput = new(
        DiagnosticIds.NoInput,
        "Route sends nothing to the model",
        "Route '{0}' has neither a [Prompt] template nor a messages parameter (IEnumerable<ChatMessage>); add one so the model receives a request",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo007");

    public static readonly DiagnosticDescriptor InvalidAttributeValue = new(
        DiagnosticIds.InvalidAttributeValue,
        "Attribute value is out of range",
        "Route '{0}': {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo008");

    public static readonly DiagnosticDescriptor InvalidDegrade = new(
        DiagnosticIds.InvalidDegrade,
        "Degradation method is missing or has the wrong signature",
        "Route '{0}': [Degrade] {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo009");

    public static readonly DiagnosticDescriptor InvalidCanaryKey = new(
        DiagnosticIds.InvalidCanaryKey,
        "Canary key parameter is invalid",
        "Route '{0}': {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo010");

    public static readonly DiagnosticDescriptor InterfaceCannotBeGenerated = new(
        DiagnosticIds.InterfaceCannotBeGenerated,
        "Interface cannot get a generated failover client",
        "Interface '{0}' cannot get a generated failover client: {1}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo011");

    public static readonly DiagnosticDescriptor GeneratedNameTaken = new(
        DiagnosticIds.GeneratedNameTaken,
        "Name of the generated client or route table is taken",
        "Interface '{0}' cannot get a generated failover client: the generated type '{1}' would clash with {2}; rename the interface or the other type",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo012");

    public static readonly DiagnosticDescriptor NoFallback = new(
        DiagnosticIds.NoFallback,
        "Route has no fallback",
        "Route '{0}' has {1}: when '{2}' is rate limited, down or switched off the call fails; {3}",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo100");

    public static readonly DiagnosticDescriptor CriticalRouteWithoutFallback = new(
        DiagnosticIds.CriticalRouteWithoutFallback,
        "Critical route has no fallback",
        "Route '{0}' is Criticality.Critical but has {1}: when '{2}' is unavailable the product breaks; {3}",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo101");

    public static readonly DiagnosticDescriptor FallbacksNotProviderDiverse = new(
        DiagnosticIds.FallbacksNotProviderDiverse,
        "Fallbacks are all on the primary's provider",
        "Every fallback of route '{0}' that can serve calls is on provider '{1}', like the primary, so one provider outage, key revocation or policy change takes out the whole chain; {2}",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo102");

    public static readonly DiagnosticDescriptor NoRetryRule = new(
        DiagnosticIds.NoRetryRule,
        "Route has no retry rule",
        "Route '{0}' {1}, so a single rate limit or 5xx moves straight to the fallback; {2} (only transient failures are retried)",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo103");

    public static readonly DiagnosticDescriptor ContentPolicyFallback = new(
        DiagnosticIds.ContentPolicyFallback,
        "Route re-sends blocked prompts to other models",
        "Route '{0}' sets FallbackOnContentPolicy = true: a prompt one provider blocked as unsafe is sent again to the next model, a deterministic failure retried elsewhere; remove FallbackOnContentPolicy, or suppress FO104 where shopping the prompt around is reviewed and intended",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo104");

    public static readonly DiagnosticDescriptor FallbackSameAsPrimary = new(
        DiagnosticIds.FallbackSameAsPrimary,
        "Fallback is the primary model",
        "Route '{0}' lists its primary '{1}' as a fallback, which only retries the model that just failed; remove this [Fallback] or name a different model",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo105");

    public static readonly DiagnosticDescriptor DuplicateFallback = new(
        DiagnosticIds.DuplicateFallback,
        "Fallback is listed twice",
        "Route '{0}' lists fallback '{1}' more than once; the second try of a model that just failed adds latency, not resilience; remove the duplicate [Fallback]",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo106");

    public static readonly DiagnosticDescriptor UnknownModel = new(
        DiagnosticIds.UnknownModel,
        "Model is not in the catalog",
        "Model '{0}' of route '{1}' is not in the model catalog, so its capabilities, context window and lifecycle cannot be checked; {2}",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo107");

    public static readonly DiagnosticDescriptor DeprecatedModel = new(
        DiagnosticIds.DeprecatedModel,
        "Model is deprecated",
        "Model '{0}' of route '{1}' is deprecated and retires on {2}, after which every call to it fails; {3}",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo108");

    public static readonly DiagnosticDescriptor DisabledModel = new(
        DiagnosticIds.DisabledModel,
        "Model is disabled",
        "Model '{0}' of route '{1}' {2}, so every call to it fails (as a fallback it does not count toward the chain); {3}",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo109");

    public static readonly DiagnosticDescriptor ModelLacksCapability = new(
        DiagnosticIds.ModelLacksCapability,
        "Model lacks a capability the route requires",
        "Model '{0}' of route '{1}' does not support {2}, which the route needs because {3}; choose a model with {2}, or {4}",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo110");

    public static readonly DiagnosticDescriptor ModelContextTooSmall = new(
        DiagnosticIds.ModelContextTooSmall,
        "Model's context window is smaller than the route requires",
        "Model '{0}' of route '{1}' has a context window of {2} tokens, below the route's MinContextTokens of {3}; choose a model with a larger window or lower MinContextTokens",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo111");

    public static readonly DiagnosticDescriptor ModelRegionNotOffered = new(
        DiagnosticIds.ModelRegionNotOffered,
        "Model is not offered in the route's region",
        "Model '{0}' of route '{1}' is not known to be offered in region '{2}' ({3}); choose a model served from '{2}', list '{2}' in its catalog entry if the provider serves it there, or change Region",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo112");

    public static readonly DiagnosticDescriptor RouteWithoutOwner = new(
        DiagnosticIds.RouteWithoutOwner,
        "Route has no owner",
        "Route '{0}' {1}, so nobody is named to act when its model is deprecated or disabled; set Owner = \"team-name\" on [ModelRoute]",
        DiagnosticCategories.Ownership,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo113");

    public static readonly DiagnosticDescriptor ApiKeyLiteral = new(
        DiagnosticIds.ApiKeyLiteral,
        "API key written in source",
        "This {1} contains what looks like an API key ('{0}'); a key in source leaks with every copy of the code; revoke the key, remove it from the code and its history, then read it from configuration or a secret store",
        DiagnosticCategories.Security,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo114");

    public static readonly DiagnosticDescriptor CatalogFileError = new(
        DiagnosticIds.CatalogFileError,
        "Model catalog file has an error",
        "{0}; until it is fixed, the built-in catalog and the valid entries of this file are used",
        DiagnosticCategories.Catalog,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo115");

    public static readonly DiagnosticDescriptor MissingCancellationToken = new(
        DiagnosticIds.MissingCancellationToken,
        "Route method takes no CancellationToken",
        "Route '{0}' takes no CancellationToken, so callers cannot stop a slow chain of attempts; add 'CancellationToken cancellationToken = default' as the last parameter",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo116");

    public static readonly DiagnosticDescriptor ContinueWithoutPrefill = new(
        DiagnosticIds.ContinueWithoutPrefill,
        "Stream recovery Continue with a fallback that does not accept a prefill",
        "Route '{0}' recovers broken streams with StreamRecovery.Continue, but fallback '{1}' {2}, so a broken stream could not be continued there; use StreamRecovery.Restart, or choose fallbacks whose catalog entry lists the 'prefill' capability",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo117");
    public static readonly DiagnosticDescriptor UnroutedModelCall = new(
        DiagnosticIds.UnroutedModelCall,
        "Model call bypasses Failover routes",
        "'{0}' calls a model directly from '{1}': it has no fallback, retry rule, owner, inventory entry or drill; declare it as a [ModelRoute] interface method and call the generated client, or suppress FO118 where a direct call is intended",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Calls of IChatClient.GetResponseAsync/GetStreamingResponseAsync (and the ChatClientExtensions overloads), OpenAI ChatClient.CompleteChat* and Anthropic Messages.Create* in application code. Calls inside IChatClient implementations and DelegatingChatClient middleware are not flagged.",
        helpLinkUri: HelpLinkBase + "fo118");

    public static readonly DiagnosticDescriptor PromptVariantUnused = new(
        DiagnosticIds.PromptVariantUnused,
        "Per-family prompt is never sent",
        "The {0} of route '{1}' {2}; {3}",
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A [Prompt] or [SystemPrompt] with For = \"provider\" or For = \"provider/model\" replaces the default template for the models of that family. It is flagged when no model of the route (primary, fallbacks, canary) belongs to the family, when the family is given twice, when For is empty, or when a second default template is declared: only one template per family and kind is ever sent.",
        helpLinkUri: HelpLinkBase + "fo119");

    public static readonly DiagnosticDescriptor FallbackBelowTier = new(
        DiagnosticIds.FallbackBelowTier,
        "Fallback is a clearly weaker class of model than the route needs",
        "Fallback '{0}' of route '{1}' is a {2} model, clearly below {3}, so when the primary fails the answers get much worse instead of staying usable; {4}",
        DiagnosticCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo120");

    public static readonly DiagnosticDescriptor FallbackMuchMoreExpensive = new(
        DiagnosticIds.FallbackMuchMoreExpensive,
        "Fallback costs much more than the primary",
        "Fallback '{0}' of route '{1}' costs {2} per million tokens (blended 3 input : 1 output), {3} times the {4} of primary '{5}', so a primary outage multiplies the route's bill; {6}",
        DiagnosticCategories.Cost,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo121");

    public static readonly DiagnosticDescriptor CheapTierOnFrontierModel = new(
        DiagnosticIds.CheapTierOnFrontierModel,
        "Cheap task runs on a frontier model",
        "Route '{0}' is a {1} route but its primary '{2}' is a frontier model at {3} per million tokens (blended); {1} rarely needs the strongest model; {4}",
        DiagnosticCategories.Cost,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + "fo122");
}
