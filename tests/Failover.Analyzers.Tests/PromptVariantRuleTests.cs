using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Failover.Analyzers.Tests.Sources;

namespace Failover.Analyzers.Tests;

/// <summary>FO119 from the declaration analyzer: a per-family prompt no model of the route gets.</summary>
public class PromptVariantRuleTests
{
    [Fact]
    public Task A_variant_for_a_provider_outside_the_chain_is_reported_on_its_attribute() =>
        AnalyzerTest<DeclarationAnalyzer>.Run(
            Route("""
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [{|#0:SystemPrompt("Be brief.", For = "mistral")|}]
                """),
            new DiagnosticResult("FO119", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "system prompt for 'mistral'",
                "SupportAi.Classify",
                "is never sent: no model of the route belongs to 'mistral' (the route's models are openai/gpt-5-mini, anthropic/claude-haiku-4-5)",
                "name a provider (For = \"anthropic\") or a model id (For = \"anthropic/claude-sonnet-4-5\") of the route, or remove the template"));

    [Fact]
    public Task Variants_for_a_fallback_provider_and_the_canary_model_are_fine() =>
        AnalyzerTest<DeclarationAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5-mini")]
            [Fallback("anthropic/claude-haiku-4-5")]
            [Canary("google/gemini-2.5-flash")]
            [SystemPrompt("Be brief.", For = "ANTHROPIC")]
            [Prompt("Ticket: {ticket}", For = "google/gemini-2.5-flash")]
            """));

    [Fact]
    public Task FO119_is_suppressed_by_pragma_like_every_id() =>
        AnalyzerTest<DeclarationAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5-mini")]
            [Fallback("anthropic/claude-haiku-4-5")]
            #pragma warning disable FO119
            [SystemPrompt("Be brief.", For = "mistral")]
            #pragma warning restore FO119
            """));
}
