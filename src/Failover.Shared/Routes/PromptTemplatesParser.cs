using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Failover.CodeAnalysis;

/// <summary>
/// Reads a route's [SystemPrompt] and [Prompt] templates: the defaults and the per-family variants (<c>For</c>). Each
/// template is parsed once here (FO006 when malformed); the route parser checks their placeholders like any other
/// template, and <see cref="CheckFamilies"/> reports variants no model of the route gets (FO119).
/// </summary>
internal static class PromptTemplatesParser
{
    private const string SystemKind = "system prompt";
    private const string PromptKind = "prompt";

    public static (TemplateModel? System, TemplateModel? Prompt, List<PromptVariantModel> Variants) Read(
        IMethodSymbol method, INamedTypeSymbol iface, string routeName, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        // The method's system prompts replace the interface's as a set: a method that declares any uses none of the interface's.
        var systemOwner = method.GetAttributes().Any(static a => KnownNames.Is(a.AttributeClass, KnownNames.SystemPromptAttribute)) ? (ISymbol)method : iface;
        var (system, systemVariants) = ReadKind(systemOwner, KnownNames.SystemPromptAttribute, SystemKind, routeName, diagnostics, ref canGenerate);
        var (prompt, promptVariants) = ReadKind(method, KnownNames.PromptAttribute, PromptKind, routeName, diagnostics, ref canGenerate);

        var variants = new List<PromptVariantModel>();
        foreach (var family in systemVariants.Keys.Concat(promptVariants.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            systemVariants.TryGetValue(family, out var s);
            promptVariants.TryGetValue(family, out var p);
            variants.Add(new PromptVariantModel(family, s, p));
        }

        return (system, prompt, variants);
    }

    /// <summary>FO119 for every variant whose family no model of the route (primary, fallbacks, canary) belongs to.</summary>
    public static void CheckFamilies(IEnumerable<PromptVariantModel> variants, IReadOnlyList<ModelReference> models, string routeName, List<DiagnosticInfo> diagnostics)
    {
        foreach (var variant in variants)
        {
            if (models.Any(m => string.Equals(m.Id, variant.For, StringComparison.OrdinalIgnoreCase) || string.Equals(m.Provider, variant.For, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var ids = string.Join(", ", models.Select(static m => m.Id));
            foreach (var (template, kind) in new[] { (variant.SystemPrompt, SystemKind), (variant.Prompt, PromptKind) })
            {
                if (template is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.PromptVariantUnused, template.Location, $"{kind} for '{variant.For}'", routeName,
                        $"is never sent: no model of the route belongs to '{variant.For}' (the route's models are {ids})",
                        "name a provider (For = \"anthropic\") or a model id (For = \"anthropic/claude-sonnet-4-5\") of the route, or remove the template"));
                }
            }
        }
    }

    private static (TemplateModel? Default, Dictionary<string, TemplateModel> Variants) ReadKind(
        ISymbol symbol, string attributeName, string kind, string routeName, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        TemplateModel? fallback = null;
        var variants = new Dictionary<string, TemplateModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!KnownNames.Is(attribute.AttributeClass, attributeName) || attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not string text)
            {
                continue;
            }

            var location = LocationInfo.From(attribute.ApplicationSyntaxReference);
            var family = attribute.NamedArguments.FirstOrDefault(static a => a.Key == "For").Value.Value as string;
            var label = family is null ? kind : $"{kind} for '{family}'";
            if (family is not null && FamilyProblem(family) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PromptVariantUnused, location, label, routeName, problem,
                    "write a provider (For = \"anthropic\") or a model id (For = \"anthropic/claude-sonnet-4-5\"), or remove For to make it the default"));
                continue;
            }

            var (segments, error) = TemplateParser.Parse(text);
            if (error is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTemplate, location, label, routeName, error));
                canGenerate = false;
                continue;
            }

            var template = new TemplateModel(text, segments, location);
            if (family is null ? fallback is not null : variants.ContainsKey(family))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PromptVariantUnused, location, label, routeName,
                    "is declared a second time, so it is never sent (the first one is)",
                    family is null ? "keep one default template, or give this one For = \"provider\"" : "keep one template per family"));
                continue;
            }

            if (family is null)
            {
                fallback = template;
            }
            else
            {
                variants[family] = template;
            }
        }

        return (fallback, variants);
    }

    private static string? FamilyProblem(string family)
    {
        if (family.Trim().Length == 0)
        {
            return "has an empty For, so no model is of its family";
        }

        var slash = family.IndexOf('/');
        return family.Trim() != family || (slash >= 0 && (slash == 0 || slash == family.Length - 1))
            ? $"names the family '{family}', which is neither a provider nor a 'provider/model' id"
            : null;
    }
}
