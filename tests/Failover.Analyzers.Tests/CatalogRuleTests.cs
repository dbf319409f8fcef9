using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Failover.Analyzers.Tests.Sources;

namespace Failover.Analyzers.Tests;

public class UnknownModelTests
{
    [Fact]
    public Task Unknown_model_says_did_you_mean() =>
        AnalyzerTest<UnknownModelAnalyzer>.Run(
            Route("""
                [ModelRoute("openai/gpt-5-mini")]
                [{|#0:Fallback("anthropic/claude-haiku-4.5")|}]
                """),
            new DiagnosticResult("FO107", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "anthropic/claude-haiku-4.5",
                "SupportAi.Classify",
                "did you mean 'anthropic/claude-haiku-4-5'? Otherwise add the model to a models.json passed as AdditionalFiles"));

    [Fact]
    public Task Unknown_model_with_nothing_close_says_how_to_declare_it() =>
        AnalyzerTest<UnknownModelAnalyzer>.Run(
            Route("[{|#0:ModelRoute(\"acme/rocket-9000\")|}]"),
            new DiagnosticResult("FO107", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "acme/rocket-9000", "SupportAi.Classify", "fix the id, or add the model to a models.json passed as AdditionalFiles"));

    [Fact]
    public Task Known_ids_compare_case_insensitively() =>
        AnalyzerTest<UnknownModelAnalyzer>.Run(Route("[ModelRoute(\"OpenAI/GPT-5-mini\")]\n[Fallback(\"google/gemini-2.5-flash\")]"));

    [Fact]
    public Task A_model_from_a_user_catalog_is_known() =>
        new AnalyzerTest<UnknownModelAnalyzer>(
            Route("[ModelRoute(\"acme/rocket-9000\")]"),
            ("models.json", """{ "models": [ { "id": "acme/rocket-9000", "contextWindow": 8192, "price": { "inputPerMillion": 1, "outputPerMillion": 2 } } ] }""")).RunAsync();
}

public class ModelLifecycleTests
{
    /// <summary>A user catalog with a model deprecated on 2027-03-01 (retires after the tests' catalog date, 2026-12-01).</summary>
    internal const string Retiring = """
        { "models": [ { "id": "acme/legacy", "contextWindow": 128000, "capabilities": ["tools", "json", "streaming"], "regions": ["us", "eu"],
          "price": { "inputPerMillion": 1, "outputPerMillion": 4 }, "tiers": ["general"], "class": "standard",
          "lifecycle": { "status": "deprecated", "date": "2027-03-01", "replacement": "openai/gpt-5-mini" } } ] }
        """;

    [Fact]
    public async Task Deprecated_model_is_a_warning_with_its_date_and_replacement()
    {
        var test = new AnalyzerTest<ModelLifecycleAnalyzer>(
            Route("""
                [ModelRoute("anthropic/claude-haiku-4-5")]
                [{|#0:Fallback("acme/legacy")|}]
                """),
            ("models.json", Retiring));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO108", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
            "acme/legacy", "SupportAi.Classify", "2027-03-01", "replace it with 'openai/gpt-5-mini' before then"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Deprecated_model_past_its_retirement_date_is_an_error_judged_against_the_catalog_date()
    {
        var test = new AnalyzerTest<ModelLifecycleAnalyzer>(
            "2027-03-01",
            Route("""
                [ModelRoute("anthropic/claude-haiku-4-5")]
                [{|#0:Fallback("acme/legacy")|}]
                """),
            ("models.json", Retiring));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO109", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "acme/legacy", "SupportAi.Classify",
            "was retired on 2027-03-01 (its deprecation date; this build judges dates as of 2027-03-01, see FailoverCatalogDate)",
            "replace it with 'openai/gpt-5-mini'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_day_before_retirement_it_is_still_only_deprecated()
    {
        var test = new AnalyzerTest<ModelLifecycleAnalyzer>(
            "2027-02-28",
            Route("[ModelRoute(\"anthropic/claude-haiku-4-5\")]\n[{|FO108:Fallback(\"acme/legacy\")|}]"),
            ("models.json", Retiring));
        await test.RunAsync();
    }

    [Fact]
    public Task Disabled_model_is_an_error() =>
        AnalyzerTest<ModelLifecycleAnalyzer>.Run(
            Route("[{|#0:ModelRoute(\"openai/gpt-4-turbo\")|}]"),
            new DiagnosticResult("FO109", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
                "openai/gpt-4-turbo", "SupportAi.Classify", "is disabled since 2026-03-31", "replace it with 'openai/gpt-4.1'"));

    [Fact]
    public async Task Disabled_model_without_a_date_or_replacement_reads_well()
    {
        var test = new AnalyzerTest<ModelLifecycleAnalyzer>(
            Route("[{|#0:ModelRoute(\"acme/off\")|}]"),
            ("models.json", """{ "models": [ { "id": "acme/off", "contextWindow": 8192, "price": { "inputPerMillion": 1, "outputPerMillion": 2 }, "lifecycle": { "status": "disabled" } } ] }"""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO109", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "acme/off", "SupportAi.Classify", "is disabled", "move the route to an active model"));
        await test.RunAsync();
    }

    [Fact]
    public Task The_canary_model_is_judged_too() =>
        AnalyzerTest<ModelLifecycleAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5-mini")]
            [Fallback("google/gemini-2.5-flash")]
            [{|FO109:Canary("openai/gpt-4o", Percent = 5)|}]
            """));

    [Fact]
    public Task Active_and_unknown_models_are_not_judged() =>
        AnalyzerTest<ModelLifecycleAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5\")]\n[Fallback(\"acme/unknown\")]\n[Canary(\"openai/gpt-5-mini\")]"));
}

public class RouteRequirementsTests
{
    [Fact]
    public Task Each_missing_capability_is_its_own_diagnostic_on_that_model() =>
        AnalyzerTest<RouteRequirementsAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5", Requires = Capabilities.Tools | Capabilities.Vision)]
            [{|FO110:{|FO110:Fallback("together/deepseek-ai/DeepSeek-R1")|}|}]
            [Fallback("google/gemini-2.5-pro")]
            """));

    [Fact]
    public Task Capability_message_names_the_capability() =>
        AnalyzerTest<RouteRequirementsAnalyzer>.Run(
            Route("""
                [ModelRoute("openai/gpt-5", Requires = Capabilities.Vision)]
                [{|#0:Fallback("groq/llama-3.3-70b-versatile")|}]
                """),
            new DiagnosticResult("FO110", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "groq/llama-3.3-70b-versatile", "SupportAi.Classify", "vision", "it is in Requires", "drop vision from Requires"));

    [Fact]
    public Task Small_context_window_is_reported_on_the_primary_too() =>
        AnalyzerTest<RouteRequirementsAnalyzer>.Run(
            Route("""
                [{|#0:ModelRoute("anthropic/claude-sonnet-4-5", MinContextTokens = 300_000)|}]
                [Fallback("openai/gpt-5")]
                """),
            new DiagnosticResult("FO111", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("anthropic/claude-sonnet-4-5", "SupportAi.Classify", "200000", "300000"));

    [Fact]
    public Task Region_not_offered_is_reported_with_the_regions_offered() =>
        AnalyzerTest<RouteRequirementsAnalyzer>.Run(
            Route("""
                [ModelRoute("mistral/mistral-large-latest", Region = "eu")]
                [{|#0:Fallback("anthropic/claude-haiku-4-5")|}]
                [Fallback("google/gemini-2.5-flash")]
                """),
            new DiagnosticResult("FO112", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("anthropic/claude-haiku-4-5", "SupportAi.Classify", "eu", "its catalog entry lists 'us'"));

    [Fact]
    public Task A_chain_that_meets_every_requirement_is_fine() =>
        AnalyzerTest<RouteRequirementsAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5", Requires = Capabilities.Tools | Capabilities.Json | Capabilities.Vision | Capabilities.Streaming, MinContextTokens = 400_000, Region = "eu")]
            [Fallback("google/gemini-2.5-pro")]
            [Fallback("acme/not-in-catalog")]
            """));
}

public class ApiKeyLiteralTests
{
    [Theory]
    [InlineData("sk-ant-api03-0123456789abcdefghijABCDEFGHIJ", "sk-ant-\u2026")]
    [InlineData("sk-proj-0123456789abcdefghijklmnop", "sk-\u2026")]
    [InlineData("AIzaSyA0123456789abcdefghijklmnopqrstuv", "AIza\u2026")]
    [InlineData("Authorization: Bearer sk-0123456789abcdefghijklmn", "sk-\u2026")]
    public Task Key_literals_are_reported_with_only_a_masked_prefix(string key, string masked) =>
        AnalyzerTest<ApiKeyLiteralAnalyzer>.Run(
            $"class C {{ const string Key = {{|#0:\"{key}\"|}}; }}",
            new DiagnosticResult("FO114", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(masked, "string literal"));

    [Fact]
    public Task A_key_split_into_constant_parts_is_reported_once_on_the_whole_expression() =>
        AnalyzerTest<ApiKeyLiteralAnalyzer>.Run(
            "class C { const string Key = {|#0:\"sk-ant-api03-\" + \"Zq7TfW2mKp9LxR4vBn8HcJ3sYd6GtE1u\"|}; }",
            new DiagnosticResult("FO114", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("sk-ant-\u2026", "constant string concatenation"));

    [Theory]
    [InlineData("sk-short")]
    [InlineData("task-0123456789abcdefghijklmnop")]
    [InlineData("AIzaTooShort0123456789")]
    [InlineData("sk-ant-short")]
    [InlineData("openai/gpt-5-mini")]
    public Task Near_misses_are_not_keys(string text) =>
        AnalyzerTest<ApiKeyLiteralAnalyzer>.Run($"class C {{ const string Text = \"{text}\"; string M(string s) => s + \"sk-\"; }}");
}

public class CatalogFileTests
{
    private const string Route = Usings + """
        public interface ISupportAi
        {
            [ModelRoute("openai/gpt-5-mini")]
            [Prompt("Classify the ticket: {ticket}")]
            Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);
        }
        """;

    [Fact]
    public async Task Invalid_json_is_reported_at_its_line_and_column_and_the_built_in_catalog_stays()
    {
        var test = new AnalyzerTest<CatalogFileAnalyzer>(Route, ("models.json", "{\n  \"models\": [\n    { \"id\": \"acme/a\", }\n  ]\n}\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO115", DiagnosticSeverity.Warning).WithSpan("models.json", 3, 21, 3, 22));
        await test.RunAsync();

        // The built-in catalog still judges routes: gpt-5-mini is known, so no FO107.
        await new AnalyzerTest<UnknownModelAnalyzer>(Route, ("models.json", "{ not json")).RunAsync();
    }

    [Fact]
    public async Task Each_entry_error_is_its_own_diagnostic_at_the_entry()
    {
        const string Json = """
            {
              "models": [
                { "id": "acme/a", "contextWindow": 8192, "price": { "inputPerMillion": 1, "outputPerMillion": 2 } },
                { "id": "acme/a", "contextWindow": 8192, "price": { "inputPerMillion": 1, "outputPerMillion": 2 } },
                { "id": "acme/b", "contextWindow": 8192, "price": { "inputPerMillion": -1, "outputPerMillion": 2 } },
                { "id": "acme/c", "price": { "inputPerMillion": 1, "outputPerMillion": 2 } }
              ]
            }
            """;
        var test = new AnalyzerTest<CatalogFileAnalyzer>(Route, ("models.json", Json));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO115", DiagnosticSeverity.Warning).WithSpan("models.json", 4, 13, 4, 21));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO115", DiagnosticSeverity.Warning).WithSpan("models.json", 5, 76, 5, 78));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("FO115", DiagnosticSeverity.Warning).WithSpan("models.json", 6, 5, 6, 81));
        await test.RunAsync();
    }

    [Fact]
    public Task A_valid_catalog_and_other_additional_files_are_fine() =>
        new AnalyzerTest<CatalogFileAnalyzer>(
            Route,
            ("models.json", """{ "models": [ { "id": "acme/a", "contextWindow": 8192, "price": { "inputPerMillion": 1, "outputPerMillion": 2 } } ] }"""),
            ("notes.json", "{ not json")).RunAsync();
}
