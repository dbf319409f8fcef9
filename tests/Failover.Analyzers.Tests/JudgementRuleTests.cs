using Failover.CodeAnalysis.Analyzers;
using Failover.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Failover.Analyzers.Tests.Sources;

namespace Failover.Analyzers.Tests;

/// <summary>A user catalog of models that lack things, for the rules that judge what a route needs.</summary>
internal static class LimitedModels
{
    public const string Json = """
        { "models": [
          { "id": "acme/text-only", "contextWindow": 128000, "capabilities": [], "regions": ["us", "eu"],
            "price": { "inputPerMillion": 0.5, "outputPerMillion": 1.5 }, "tiers": ["general"], "class": "standard" },
          { "id": "acme/nowhere", "contextWindow": 128000, "capabilities": ["tools", "json", "streaming"],
            "price": { "inputPerMillion": 0.5, "outputPerMillion": 1.5 }, "tiers": ["general"], "class": "standard" }
        ] }
        """;

    public static AnalyzerTest<TAnalyzer> Test<TAnalyzer>(string source)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new() =>
        new(source, ("models.json", Json));
}

public class RetryMaxAttemptsOneTests
{
    [Fact]
    public Task MaxAttempts_1_on_the_method_is_no_retry_rule_and_is_reported_on_that_attribute() =>
        AnalyzerTest<RetryRuleAnalyzer>.Run(
            Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[{|#0:Retry(MaxAttempts = 1)|}]"),
            new DiagnosticResult("FO103", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "SupportAi.Classify",
                "has [Retry(MaxAttempts = 1)] on the method, which makes one attempt and never retries",
                "set MaxAttempts = 3 (it counts the first attempt)"));

    [Fact]
    public Task MaxAttempts_1_on_the_interface_is_reported_on_the_route() =>
        AnalyzerTest<RetryRuleAnalyzer>.Run(
            Route("[{|#0:ModelRoute(\"openai/gpt-5-mini\")|}]", interfaceAttributes: "[Retry(MaxAttempts = 1)]"),
            new DiagnosticResult("FO103", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "SupportAi.Classify",
                "has [Retry(MaxAttempts = 1)] on its interface, which makes one attempt and never retries",
                "set MaxAttempts = 3 there, or add [Retry(MaxAttempts = 3)] to the method"));

    [Fact]
    public Task A_method_retry_overrides_an_assembly_retry_of_1() =>
        AnalyzerTest<RetryRuleAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[Retry(MaxAttempts = 2)]", assemblyAttributes: "[assembly: Retry(MaxAttempts = 1)]"));

    [Fact]
    public Task The_fix_sets_MaxAttempts_on_the_method_Retry_instead_of_adding_a_second_one() =>
        CodeFixTest<RetryRuleAnalyzer, AddRetryCodeFix>.Run(
            Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[{|FO103:Retry(MaxAttempts = 1, BaseDelayMs = 100)|}]"),
            Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[Retry(MaxAttempts = 3, BaseDelayMs = 100)]"));

    [Fact]
    public Task The_add_retry_fix_adds_a_method_retry_over_an_interface_retry_of_1() =>
        CodeFixTest<RetryRuleAnalyzer, AddRetryCodeFix>.Run(
            Route("[{|FO103:ModelRoute(\"openai/gpt-5-mini\")|}]", interfaceAttributes: "[Retry(MaxAttempts = 1)]"),
            Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[Retry(MaxAttempts = 3)]", interfaceAttributes: "[Retry(MaxAttempts = 1)]"));
}

public class CanaryJudgedTests
{
    [Fact]
    public Task An_unknown_canary_gets_did_you_mean() =>
        AnalyzerTest<UnknownModelAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5-mini")]
            [Fallback("google/gemini-2.5-flash")]
            [{|FO107:Canary("openai/gpt-5-mnii")|}]
            """));

    [Fact]
    public Task A_canary_lacking_a_required_capability_context_or_region_is_reported() =>
        AnalyzerTest<RouteRequirementsAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5", Requires = Capabilities.Vision, MinContextTokens = 150_000, Region = "eu")]
            [Fallback("google/gemini-2.5-pro")]
            [{|FO110:{|FO111:{|FO112:Canary("groq/llama-3.3-70b-versatile")|}|}|}]
            """));

    [Fact]
    public Task A_capable_canary_is_fine() =>
        AnalyzerTest<RouteRequirementsAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5", Requires = Capabilities.Vision, Region = "eu")]
            [Fallback("google/gemini-2.5-pro")]
            [Canary("openai/gpt-5-mini")]
            """));

    [Fact]
    public Task A_canary_does_not_count_toward_provider_diversity() =>
        AnalyzerTest<ProviderDiversityAnalyzer>.Run(Route("""
            [{|FO102:ModelRoute("openai/gpt-5-mini")|}]
            [Fallback("openai/gpt-5-nano")]
            [Canary("google/gemini-2.5-flash")]
            """));
}

public class ImpliedRequirementTests
{
    private const string Types = "\npublic sealed record Ticket(string Category);\n";

    [Fact]
    public async Task A_structured_return_needs_json_on_every_model()
    {
        var test = LimitedModels.Test<RouteRequirementsAnalyzer>(Route(
            "[ModelRoute(\"openai/gpt-5-mini\")]\n[{|#0:Fallback(\"acme/text-only\")|}]",
            "Task<Ticket> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);") + Types);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO110", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
            "acme/text-only", "SupportAi.Classify", "json", "it returns structured output (Ticket), which is read from a JSON response", "return Task<string> and parse the text yourself"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_structured_RouteResult_needs_json_too() =>
        LimitedModels.Test<RouteRequirementsAnalyzer>(Route(
            "[ModelRoute(\"openai/gpt-5-mini\")]\n[{|FO110:Fallback(\"acme/text-only\")|}]",
            "Task<RouteResult<Ticket>> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);") + Types).RunAsync();

    [Fact]
    public async Task A_stream_needs_streaming()
    {
        var test = LimitedModels.Test<RouteRequirementsAnalyzer>(Route(
            "[ModelRoute(\"openai/gpt-5-mini\")]\n[{|#0:Fallback(\"acme/text-only\")|}]",
            "System.Collections.Generic.IAsyncEnumerable<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO110", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
            "acme/text-only", "SupportAi.Classify", "streaming", "it returns a stream (IAsyncEnumerable)", "return Task<string> instead of a stream"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Tools_passed_to_the_route_need_tools()
    {
        var test = LimitedModels.Test<RouteRequirementsAnalyzer>(Route(
            "[ModelRoute(\"openai/gpt-5-mini\")]\n[{|#0:Fallback(\"acme/text-only\")|}]",
            "Task<string> ClassifyAsync(string ticket, System.Collections.Generic.IList<Microsoft.Extensions.AI.AITool> tools, CancellationToken cancellationToken = default);"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO110", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
            "acme/text-only", "SupportAi.Classify", "tools", "it passes tools (parameter 'tools')", "stop passing tools to this route"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_single_AIFunction_parameter_needs_tools_too() =>
        LimitedModels.Test<RouteRequirementsAnalyzer>(Route(
            "[ModelRoute(\"openai/gpt-5-mini\")]\n[{|FO110:Fallback(\"acme/text-only\")|}]",
            "Task<string> ClassifyAsync(string ticket, Microsoft.Extensions.AI.AIFunction lookup, CancellationToken cancellationToken = default);")).RunAsync();

    [Fact]
    public Task A_text_return_needs_neither_json_nor_streaming() =>
        LimitedModels.Test<RouteRequirementsAnalyzer>(Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[Fallback(\"acme/text-only\")]")).RunAsync();

    [Fact]
    public Task Json_in_Requires_and_a_structured_return_report_once() =>
        LimitedModels.Test<RouteRequirementsAnalyzer>(Route(
            "[ModelRoute(\"openai/gpt-5-mini\", Requires = Capabilities.Json)]\n[{|FO110:Fallback(\"acme/text-only\")|}]",
            "Task<Ticket> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);") + Types).RunAsync();

    [Fact]
    public Task A_region_is_not_met_by_a_model_whose_entry_lists_no_regions_and_compares_trimmed_case_insensitively() =>
        LimitedModels.Test<RouteRequirementsAnalyzer>(Route("""
            [ModelRoute("openai/gpt-5-mini", Region = " EU ")]
            [Fallback("google/gemini-2.5-flash")]
            [{|FO112:Fallback("acme/nowhere")|}]
            """)).RunAsync();
}

public class LifecycleCountsTests
{
    [Fact]
    public Task A_route_whose_only_fallback_is_disabled_has_no_fallback() =>
        AnalyzerTest<FallbackPresenceAnalyzer>.Run(
            Route("[{|#0:ModelRoute(\"openai/gpt-5\", Tier = RouteTier.Reasoning)|}]\n[Fallback(\"anthropic/claude-3-opus\")]"),
            new DiagnosticResult("FO100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "SupportAi.Classify",
                "no fallback that can serve calls ('anthropic/claude-3-opus' is disabled or retired)",
                "openai/gpt-5",
                "add [Fallback(\"google/gemini-2.5-pro\")], an active frontier model from provider 'google' that has what the route needs"));

    [Fact]
    public async Task A_retired_fallback_counts_neither_as_a_fallback_nor_toward_diversity()
    {
        var presence = new AnalyzerTest<FallbackPresenceAnalyzer>(
            "2027-03-01", Route("[{|FO100:ModelRoute(\"openai/gpt-5-mini\")|}]\n[Fallback(\"acme/legacy\")]"), ("models.json", ModelLifecycleTests.Retiring));
        await presence.RunAsync();

        var diversity = new AnalyzerTest<ProviderDiversityAnalyzer>(
            "2027-03-01", Route("[{|FO102:ModelRoute(\"openai/gpt-5-mini\")|}]\n[Fallback(\"openai/gpt-5-nano\")]\n[Fallback(\"acme/legacy\")]"), ("models.json", ModelLifecycleTests.Retiring));
        await diversity.RunAsync();

        // Before its retirement date the same chain is diverse.
        var before = new AnalyzerTest<ProviderDiversityAnalyzer>(
            "2027-02-28", Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[Fallback(\"openai/gpt-5-nano\")]\n[Fallback(\"acme/legacy\")]"), ("models.json", ModelLifecycleTests.Retiring));
        await before.RunAsync();
    }

    [Fact]
    public Task A_disabled_fallback_on_another_provider_does_not_make_the_chain_diverse() =>
        AnalyzerTest<ProviderDiversityAnalyzer>.Run(Route("""
            [{|FO102:ModelRoute("openai/gpt-5-mini")|}]
            [Fallback("openai/gpt-5-nano")]
            [Fallback("anthropic/claude-3-opus")]
            """));
}

public class SuggestedFallbackTests
{
    [Fact]
    public Task A_tools_and_vision_route_is_offered_a_model_with_both() =>
        AnalyzerTest<FallbackPresenceAnalyzer>.Run(
            Route("[{|#0:ModelRoute(\"mistral/mistral-medium-latest\", Tier = RouteTier.Generation, Requires = Capabilities.Tools | Capabilities.Vision)|}]"),
            new DiagnosticResult("FO100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "SupportAi.Classify",
                "no [Fallback]",
                "mistral/mistral-medium-latest",
                "add [Fallback(\"google/gemini-2.5-flash\")], an active standard model from provider 'google' that has what the route needs"));

    [Fact]
    public async Task A_structured_route_is_offered_a_json_model()
    {
        // beta/cheap-text matches the primary's price, class, tier and region exactly, but cannot return JSON.
        var test = new AnalyzerTest<FallbackPresenceAnalyzer>(
            Route("[{|#0:ModelRoute(\"acme/primary\")|}]", "Task<Ticket> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);")
                + "\npublic sealed record Ticket(string Category);\n",
            ("models.json", """
                { "models": [
                  { "id": "acme/primary", "contextWindow": 8192, "capabilities": ["json"], "regions": ["us"], "price": { "inputPerMillion": 1, "outputPerMillion": 1 }, "tiers": ["zzz"], "class": "standard" },
                  { "id": "beta/cheap-text", "contextWindow": 8192, "capabilities": [], "regions": ["us"], "price": { "inputPerMillion": 1, "outputPerMillion": 1 }, "tiers": ["zzz"], "class": "standard" }
                ] }
                """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
            "SupportAi.Classify", "no [Fallback]", "acme/primary",
            "add [Fallback(\"together/meta-llama/Llama-3.3-70B-Instruct-Turbo\")], an active standard model from provider 'together' that has what the route needs"));
        await test.RunAsync();
    }

    [Fact]
    public Task The_code_fix_adds_the_model_the_message_names() =>
        CodeFixTest<FallbackPresenceAnalyzer, AddFallbackCodeFix>.Run(
            Route("[{|FO100:ModelRoute(\"mistral/mistral-medium-latest\", Tier = RouteTier.Generation, Requires = Capabilities.Tools | Capabilities.Vision)|}]"),
            Route("[ModelRoute(\"mistral/mistral-medium-latest\", Tier = RouteTier.Generation, Requires = Capabilities.Tools | Capabilities.Vision)]\n[Fallback(\"google/gemini-2.5-flash\")]"));
}

public class FallbackClassTests
{
    [Fact]
    public Task A_small_fallback_for_a_reasoning_route_is_reported_with_the_class_and_why() =>
        AnalyzerTest<FallbackClassAnalyzer>.Run(
            Route("[ModelRoute(\"openai/gpt-5\", Tier = RouteTier.Reasoning)]\n[{|#0:Fallback(\"google/gemini-2.5-flash-lite\")|}]"),
            new DiagnosticResult("FO120", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "google/gemini-2.5-flash-lite",
                "SupportAi.Classify",
                "small",
                "the standard class a Reasoning route needs",
                "use a standard or stronger fallback such as [Fallback(\"google/gemini-2.5-pro\")], or suppress FO120 where degrading to a weaker model is intended"));

    [Fact]
    public Task A_local_fallback_for_a_generation_route_is_reported() =>
        AnalyzerTest<FallbackClassAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\", Tier = RouteTier.Generation)]\n[Fallback(\"google/gemini-2.5-flash\")]\n[{|FO120:Fallback(\"ollama/qwen3:8b\")|}]"));

    [Fact]
    public Task A_general_route_is_judged_against_its_primary_two_classes_down() =>
        AnalyzerTest<FallbackClassAnalyzer>.Run(
            Route("[ModelRoute(\"openai/gpt-5\")]\n[{|#0:Fallback(\"google/gemini-2.5-flash-lite\")|}]\n[Fallback(\"google/gemini-2.5-flash\")]"),
            new DiagnosticResult("FO120", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "google/gemini-2.5-flash-lite",
                "SupportAi.Classify",
                "small",
                "its frontier primary 'openai/gpt-5'",
                "use a standard or stronger fallback such as [Fallback(\"google/gemini-2.5-pro\")], or suppress FO120 where degrading to a weaker model is intended"));

    [Theory]
    [InlineData("Tier = RouteTier.Reasoning", "openai/o4-mini")]
    [InlineData("Tier = RouteTier.Generation", "google/gemini-2.5-flash")]
    [InlineData("Tier = RouteTier.Classification", "google/gemini-2.5-flash-lite")]
    [InlineData("Tier = RouteTier.Extraction", "ollama/llama3.1:8b")]
    public Task Near_misses_one_class_down_or_a_cheap_tier_are_fine(string tier, string fallback) =>
        AnalyzerTest<FallbackClassAnalyzer>.Run(Route($"[ModelRoute(\"openai/gpt-5-mini\", {tier})]\n[Fallback(\"{fallback}\")]"));
}

public class FallbackCostTests
{
    [Fact]
    public Task A_fallback_over_four_times_the_primary_price_is_reported_with_prices_and_ratio() =>
        AnalyzerTest<FallbackCostAnalyzer>.Run(
            Route("[ModelRoute(\"openai/gpt-5-mini\", Tier = RouteTier.Classification)]\n[{|#0:Fallback(\"anthropic/claude-opus-4-1\")|}]"),
            new DiagnosticResult("FO121", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "anthropic/claude-opus-4-1",
                "SupportAi.Classify",
                "$30",
                "43.6",
                "$0.688",
                "openai/gpt-5-mini",
                "choose a fallback closer in price, such as [Fallback(\"anthropic/claude-haiku-4-5\")] at $2, or suppress FO121 where the cost is budgeted"));

    [Theory]
    [InlineData("4", false)]
    [InlineData("4.01", true)]
    public async Task Much_means_more_than_four_times_the_blended_price(string fallbackPrice, bool reported)
    {
        var marker = reported ? "{|FO121:Fallback(\"beta/f\")|}" : "Fallback(\"beta/f\")";
        var test = new AnalyzerTest<FallbackCostAnalyzer>(
            Route("[ModelRoute(\"acme/p\")]\n[" + marker + "]"),
            ("models.json", "{ \"models\": [ { \"id\": \"acme/p\", \"contextWindow\": 8192, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } },"
                + " { \"id\": \"beta/f\", \"contextWindow\": 8192, \"price\": { \"inputPerMillion\": " + fallbackPrice + ", \"outputPerMillion\": " + fallbackPrice + " } } ] }"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_pragma_silences_FO121() =>
        AnalyzerTest<FallbackCostAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\")]\n#pragma warning disable FO121\n[Fallback(\"anthropic/claude-opus-4-1\")]\n#pragma warning restore FO121"));

    [Theory]
    [InlineData("openai/gpt-5-mini", "google/gemini-2.5-flash")]
    [InlineData("ollama/llama3.1:8b", "openai/gpt-5")]
    [InlineData("openai/gpt-5", "google/gemini-2.5-pro")]
    public Task Near_misses_a_similar_price_or_a_free_primary_are_fine(string primary, string fallback) =>
        AnalyzerTest<FallbackCostAnalyzer>.Run(Route($"[ModelRoute(\"{primary}\")]\n[Fallback(\"{fallback}\")]"));
}

public class CheapTierOnFrontierTests
{
    [Fact]
    public Task A_classification_route_on_a_frontier_model_gets_a_suggestion_naming_a_cheaper_model() =>
        AnalyzerTest<CheapTierOnFrontierAnalyzer>.Run(
            Route("[{|#0:ModelRoute(\"openai/gpt-5\", Tier = RouteTier.Classification)|}]"),
            new DiagnosticResult("FO122", DiagnosticSeverity.Info).WithLocation(0).WithArguments(
                "SupportAi.Classify",
                "Classification",
                "openai/gpt-5",
                "$3.438",
                "move the primary to 'openai/gpt-5-mini' (standard, $0.688), or set the route's Tier to what it really does"));

    [Fact]
    public Task An_extraction_route_on_a_frontier_model_is_reported_too() =>
        AnalyzerTest<CheapTierOnFrontierAnalyzer>.Run(Route("[{|FO122:ModelRoute(\"anthropic/claude-sonnet-4-5\", Tier = RouteTier.Extraction)|}]"));

    [Theory]
    [InlineData("openai/gpt-5", "Tier = RouteTier.Reasoning")]
    [InlineData("openai/gpt-5", "Tier = RouteTier.General")]
    [InlineData("openai/gpt-5-mini", "Tier = RouteTier.Classification")]
    public Task Near_misses_a_strong_tier_or_a_standard_model_are_fine(string primary, string tier) =>
        AnalyzerTest<CheapTierOnFrontierAnalyzer>.Run(Route($"[ModelRoute(\"{primary}\", {tier})]"));
}

public class PlaceholderOwnerTests
{
    [Theory]
    [InlineData("TODO")]
    [InlineData(" tbd ")]
    [InlineData("N/A")]
    [InlineData("Unknown")]
    [InlineData("none")]
    [InlineData("?")]
    [InlineData("...")]
    [InlineData("etc")]
    [InlineData("TODO: find an owner")]
    public Task A_placeholder_owner_is_no_owner(string owner) =>
        AnalyzerTest<RouteOwnerAnalyzer>.Run(
            Route($"[{{|#0:ModelRoute(\"openai/gpt-5-mini\", Owner = \"{owner}\")|}}]"),
            new DiagnosticResult("FO113", DiagnosticSeverity.Info).WithLocation(0).WithArguments(
                "SupportAi.Classify", $"has the placeholder Owner \"{owner.Trim()}\", which names nobody"));

    [Theory]
    [InlineData("support")]
    [InlineData("todo-list-team")]
    [InlineData("Team Unknown Pleasures")]
    [InlineData("na-payments")]
    public Task Real_owners_that_contain_a_placeholder_word_are_fine(string owner) =>
        AnalyzerTest<RouteOwnerAnalyzer>.Run(Route($"[ModelRoute(\"openai/gpt-5-mini\", Owner = \"{owner}\")]"));
}

public class ApiKeyFormsTests
{
    // Keys are assembled at run time so no literal in this repository looks like a key to secret scanners.
    private const string Body = "Zq7TfW2mKp9LxR4vBn8HcJ3sYd6GtE1u";
    private static readonly string Anthropic = "sk-ant-" + "api03-" + Body;
    private static readonly string OpenAI = "sk-" + "proj-" + Body;

    public static TheoryData<string, string, string> Forms() => new()
    {
        { $"class C {{ string K = {{|#0:@\"{OpenAI}\"|}}; }}", "sk-\u2026", "verbatim string literal" },
        { $"class C {{ System.ReadOnlySpan<byte> K => {{|#0:\"{OpenAI}\"u8|}}; }}", "sk-\u2026", "UTF-8 string literal" },
        { $"class C {{ string K = {{|#0:\"\"\"{Anthropic}\"\"\"|}}; }}", "sk-ant-\u2026", "raw string literal" },
        { $"class C {{ string K(int n) => $\"{{|#0:Bearer {OpenAI} #|}}{{n}}\"; }}", "sk-\u2026", "interpolated string" },
        { $"class C {{ // {{|#0:{OpenAI}|}}\n}}", "sk-\u2026", "comment" },
        { $"class C {{ /* key: {{|#0:{Anthropic}|}} */ }}", "sk-ant-\u2026", "comment" },
        { $"/// <summary>Use {{|#0:{OpenAI}|}}.</summary>\nclass C {{ }}", "sk-\u2026", "XML documentation comment" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public Task Keys_are_found_in_every_string_form_and_in_comments_and_only_a_prefix_is_shown(string source, string masked, string kind) =>
        AnalyzerTest<ApiKeyLiteralAnalyzer>.Run(source, new DiagnosticResult("FO114", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(masked, kind));

    [Fact]
    public void The_message_never_contains_the_key()
    {
        var message = string.Format(Failover.CodeAnalysis.DiagnosticDescriptors.ApiKeyLiteral.MessageFormat.ToString(), ApiKeyLiteralAnalyzer.FindKey("x " + Anthropic), "comment");
        Assert.DoesNotContain(Body, message);
        Assert.DoesNotContain(Body.Substring(0, 6), message);
    }

    [Fact]
    public Task A_constant_interpolation_of_parts_is_reported_once() =>
        AnalyzerTest<ApiKeyLiteralAnalyzer>.Run(
            $"class C {{ const string A = \"sk-ant-api03-\"; const string K = {{|#0:$\"{{A}}{Body}\"|}}; }}",
            new DiagnosticResult("FO114", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("sk-ant-\u2026", "constant interpolated string"));

    // The analyzer skips a file whose text has no key prefix and no escape sequence; these are the cases that skip must not miss.
    [Fact]
    public Task A_key_spelled_with_an_escape_sequence_is_found() =>
        AnalyzerTest<ApiKeyLiteralAnalyzer>.Run(
            $"class C {{ string K = {{|#0:\"\\u0073k-proj-{Body}\"|}}; }}",
            new DiagnosticResult("FO114", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("sk-\u2026", "string literal"));

    [Fact]
    public Task A_key_split_so_that_no_part_holds_its_prefix_is_reported_on_the_concatenation() =>
        AnalyzerTest<ApiKeyLiteralAnalyzer>.Run(
            $"class C {{ const string S = \"s\"; const string K = {{|#0:S + \"k-proj-{Body}\"|}}; int N(int i) => i + 1; }}",
            new DiagnosticResult("FO114", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("sk-\u2026", "constant string concatenation"));

    [Theory]
    [InlineData("sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("sk-REPLACE_WITH_YOUR_KEY_0123456789")]
    [InlineData("sk-ant-api03-REPLACE_WITH_YOUR_KEY_abcdefgh")]
    [InlineData("your-api-key")]
    [InlineData("sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("sk-abababababababababababababab")]
    [InlineData("AIzaSy-example-key-for-docs-0123456789abcdef")]
    public Task Obvious_placeholders_are_not_keys_in_strings_or_comments(string placeholder) =>
        AnalyzerTest<ApiKeyLiteralAnalyzer>.Run($"class C {{ const string K = \"{placeholder}\"; string U => $\"{placeholder}{{K}}\"; // {placeholder}\n}}");
}

public class MissingCatalogFileTests
{
    private sealed class MissingFile(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }

    [Fact]
    public void A_models_json_that_does_not_exist_is_reported_as_unreadable_not_as_an_empty_document()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("probe");
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([new MissingFile("/app/models.json")]);

        var catalog = AnalyzerCatalog.Get(compilation, options, CancellationToken.None);

        var error = Assert.Single(catalog.Errors);
        Assert.StartsWith("the model catalog file '/app/models.json' could not be read: it does not exist", error.Message);
        Assert.True(catalog.Contains("openai/gpt-5-mini"), "the built-in catalog stays in force");
    }
}
