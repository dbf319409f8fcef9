using Microsoft.CodeAnalysis;
using Xunit;

namespace Failover.Generator.Tests;

/// <summary>Per-family prompts (<c>For</c> of [Prompt] / [SystemPrompt]): checked like every template, FO119, and what the client emits.</summary>
public sealed class PromptVariantTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;
        using Microsoft.Extensions.AI;

        """;

    private static GeneratorRun Run(string attributes, string signature = "Task<string> RunAsync(string ticket, CancellationToken cancellationToken = default);") =>
        GeneratorHarness.Run(Usings + $$"""
            namespace Desk;

            public interface ITriage
            {
                [ModelRoute("openai/gpt-5-mini", Name = "triage")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Canary("google/gemini-2.5-flash", Percent = 10)]
                {{attributes}}
                {{signature}}
            }
            """);

    [Fact]
    public void Variants_for_a_provider_and_a_model_of_the_route_are_accepted_and_the_client_compiles()
    {
        var run = Run("""
            [SystemPrompt("You are a triage assistant.")]
            [SystemPrompt("You triage support tickets. Answer with one word.", For = "anthropic")]
            [Prompt("Classify: {ticket}")]
            [Prompt("<ticket>{ticket}</ticket> Classify it.", For = "anthropic/claude-haiku-4-5")]
            [Prompt("Ticket: {ticket}", For = "google")]
            """);

        Assert.Empty(run.DeclarationDiagnostics);
        var source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains("|=anthropic,=anthropic/claude-haiku-4-5,=google\"", source); // the route table row's prompt variants
        Assert.Contains("global::Failover.RouteMessages.PromptFamilies(", source);
        Assert.Contains("new (string?, string?)[] { (\"You triage support tickets. Answer with one word.\", null), (null, string.Concat(\"<ticket>\", ticket, \"</ticket> Classify it.\")), (null, string.Concat(\"Ticket: \", ticket)) }", source);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_route_without_variants_still_sends_a_plain_list()
    {
        var run = Run("""[Prompt("Classify: {ticket}")]""");

        var source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.DoesNotContain("PromptMessages", source);
        Assert.DoesNotContain("PromptVariants", source);
        Assert.Contains("global::Failover.RouteMessages.Prompt(null, string.Concat(", source);
    }

    [Theory]
    [InlineData("""[Prompt("Ticket: {ticket}", For = "mistral")]""", "The prompt for 'mistral' of route 'triage' is never sent: no model of the route belongs to 'mistral' (the route's models are openai/gpt-5-mini, anthropic/claude-haiku-4-5, google/gemini-2.5-flash)")]
    [InlineData("""[SystemPrompt("Be brief.", For = "anthropic/claude-opus-4-1")]""", "The system prompt for 'anthropic/claude-opus-4-1' of route 'triage' is never sent: no model of the route belongs to 'anthropic/claude-opus-4-1'")]
    [InlineData("""[Prompt("A {ticket}", For = "anthropic")][Prompt("B {ticket}", For = "Anthropic")]""", "The prompt for 'Anthropic' of route 'triage' is declared a second time, so it is never sent (the first one is); keep one template per family")]
    [InlineData("""[Prompt("Again {ticket}")]""", "The prompt of route 'triage' is declared a second time, so it is never sent (the first one is); keep one default template, or give this one For = \"provider\"")]
    [InlineData("""[Prompt("A {ticket}", For = "")]""", "The prompt for '' of route 'triage' has an empty For")]
    [InlineData("""[Prompt("A {ticket}", For = "anthropic/")]""", "names the family 'anthropic/', which is neither a provider nor a 'provider/model' id")]
    public void Variants_no_model_gets_are_FO119(string variant, string message)
    {
        var run = Run("""[Prompt("Classify: {ticket}")]""" + "\n" + variant);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO119", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal(variant.Contains("Again", StringComparison.Ordinal) ? "[Prompt(\"Again {ticket}\")]" : variant[(variant.LastIndexOf("[", StringComparison.Ordinal))..], "[" + diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan) + "]");

        // A warning: the route is still generated, with the first template of the family.
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_family_variant_is_checked_for_unknown_placeholders_like_the_default()
    {
        var run = Run("""
            [Prompt("Classify: {ticket}")]
            [Prompt("Classify: {tikcet}", For = "anthropic")]
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO004", diagnostic.Id);
        Assert.Contains("The prompt for 'anthropic' template of route 'triage' uses placeholder '{tikcet}'", diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_malformed_family_variant_is_FO006()
    {
        var run = Run("""
            [Prompt("Classify: {ticket}")]
            [SystemPrompt("Answer in {{JSON}", For = "google")]
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO006", diagnostic.Id);
        Assert.Contains("The system prompt for 'google' template of route 'triage' is malformed: the '}' at position", diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_parameter_only_one_family_uses_is_not_FO005_and_is_rendered_for_that_family()
    {
        var run = Run(
            """
            [Prompt("Classify: {ticket}")]
            [Prompt("Classify for {tenant}: {ticket}", For = "anthropic")]
            """,
            "Task<string> RunAsync(string ticket, int tenant, CancellationToken cancellationToken = default);");

        Assert.Empty(run.DeclarationDiagnostics);
        var source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains("global::System.Convert.ToString(tenant, global::System.Globalization.CultureInfo.InvariantCulture)", source);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Interface_system_prompts_apply_unless_the_method_declares_its_own()
    {
        var run = GeneratorHarness.Run(Usings + """
            namespace Desk;

            [SystemPrompt("Default system.")]
            [SystemPrompt("Anthropic system.", For = "anthropic")]
            public interface ITriage
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Prompt("A {ticket}")]
                Task<string> InheritsAsync(string ticket);

                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [SystemPrompt("Own system.")]
                [Prompt("B {ticket}")]
                Task<string> OwnAsync(string ticket);
            }
            """);

        Assert.Empty(run.DeclarationDiagnostics);
        var source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(source, "\\(\"Anthropic system\\.\", null\\)"));
        Assert.Contains("\"Own system.\"", source);
        Assert.Empty(run.CompilationErrors);
    }
}
