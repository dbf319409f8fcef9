using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Failover.Analyzers.Tests.Sources;

namespace Failover.Analyzers.Tests;

public class FallbackPresenceTests
{
    [Fact]
    public Task Route_without_fallback_is_a_warning_that_names_a_catalog_fallback() =>
        AnalyzerTest<FallbackPresenceAnalyzer>.Run(
            Route("[{|#0:ModelRoute(\"openai/gpt-5-mini\", Tier = RouteTier.Classification)|}]"),
            new DiagnosticResult("FO100", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "SupportAi.Classify",
                "no [Fallback]",
                "openai/gpt-5-mini",
                "add [Fallback(\"anthropic/claude-haiku-4-5\")], an active standard model from provider 'anthropic' that has what the route needs"));

    [Fact]
    public Task Critical_route_without_fallback_is_an_error() =>
        AnalyzerTest<FallbackPresenceAnalyzer>.Run(Route("[{|FO101:ModelRoute(\"openai/gpt-5-mini\", Criticality = Criticality.Critical)|}]"));

    [Fact]
    public Task High_criticality_route_without_fallback_is_only_a_warning() =>
        AnalyzerTest<FallbackPresenceAnalyzer>.Run(Route("[{|FO100:ModelRoute(\"openai/gpt-5-mini\", Criticality = Criticality.High)|}]"));

    [Fact]
    public Task Route_with_a_fallback_is_fine_even_when_critical() =>
        AnalyzerTest<FallbackPresenceAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5-mini", Criticality = Criticality.Critical)]
            [Fallback("anthropic/claude-haiku-4-5")]
            """));

    [Fact]
    public Task Route_with_a_declaration_error_is_left_to_the_generator() =>
        AnalyzerTest<FallbackPresenceAnalyzer>.Run(Route("[ModelRoute(\"gpt-5-mini\")]"));

    [Fact]
    public Task Routes_of_an_interface_that_cannot_be_generated_are_left_to_the_generator() =>
        AnalyzerTest<FallbackPresenceAnalyzer>.Run(Usings + """
            public interface IGenericAi<T>
            {
                [ModelRoute("openai/gpt-5-mini", Criticality = Criticality.Critical)]
                [Prompt("Classify the ticket: {ticket}")]
                Task<string> ClassifyAsync(string ticket);
            }

            public interface IMixedAi
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("Classify the ticket: {ticket}")]
                Task<string> ClassifyAsync(string ticket);

                int Count { get; }
            }

            public interface IBaseAi
            {
                [{|FO100:ModelRoute("openai/gpt-5-mini")|}]
                [Prompt("Classify the ticket: {ticket}")]
                Task<string> ClassifyAsync(string ticket);
            }

            public interface IDerivedAi : IBaseAi
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("Summarise the ticket: {ticket}")]
                Task<string> SummariseAsync(string ticket);
            }
            """);
}

public class ProviderDiversityTests
{
    [Fact]
    public Task Fallbacks_all_on_the_primary_provider_are_reported_on_the_route() =>
        AnalyzerTest<ProviderDiversityAnalyzer>.Run(Route("""
            [{|FO102:ModelRoute("openai/gpt-5-mini")|}]
            [Fallback("openai/gpt-5-nano")]
            [Fallback("OpenAI/gpt-4.1-mini")]
            """));

    [Fact]
    public Task One_fallback_on_another_provider_is_enough() =>
        AnalyzerTest<ProviderDiversityAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5-mini")]
            [Fallback("openai/gpt-5-nano")]
            [Fallback("google/gemini-2.5-flash")]
            """));

    [Fact]
    public Task No_fallback_at_all_is_FO100_not_FO102() =>
        AnalyzerTest<ProviderDiversityAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\")]"));
}

public class RetryRuleTests
{
    [Fact]
    public Task Route_without_any_retry_rule_is_reported() =>
        AnalyzerTest<RetryRuleAnalyzer>.Run(Route("[{|FO103:ModelRoute(\"openai/gpt-5-mini\")|}]"));

    [Theory]
    [InlineData("[Retry(MaxAttempts = 3)]", "", "")]
    [InlineData("", "[Retry]", "")]
    [InlineData("", "", "[assembly: Retry(MaxAttempts = 2)]")]
    public Task Retry_on_the_method_interface_or_assembly_counts(string onMethod, string onInterface, string onAssembly) =>
        AnalyzerTest<RetryRuleAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\")]\n" + onMethod, interfaceAttributes: onInterface, assemblyAttributes: onAssembly));
}

public class ContentPolicyFallbackTests
{
    [Fact]
    public Task Falling_back_on_content_policy_blocks_is_reported() =>
        AnalyzerTest<ContentPolicyFallbackAnalyzer>.Run(Route("[{|FO104:ModelRoute(\"openai/gpt-5-mini\", FallbackOnContentPolicy = true)|}]"));

    [Fact]
    public Task The_default_and_an_explicit_false_are_fine() =>
        AnalyzerTest<ContentPolicyFallbackAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\", FallbackOnContentPolicy = false)]\n[Retry(RetryInvalidResponse = true)]"));
}

public class FallbackDuplicationTests
{
    [Fact]
    public Task Fallback_equal_to_the_primary_and_a_repeated_fallback_are_reported_on_the_fallback() =>
        AnalyzerTest<FallbackDuplicationAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5-mini")]
            [{|FO105:Fallback("OpenAI/GPT-5-mini")|}]
            [Fallback("anthropic/claude-haiku-4-5")]
            [{|FO106:Fallback("anthropic/claude-haiku-4-5")|}]
            """));

    [Fact]
    public Task Distinct_fallbacks_are_fine() =>
        AnalyzerTest<FallbackDuplicationAnalyzer>.Run(Route("""
            [ModelRoute("openai/gpt-5-mini")]
            [Fallback("openai/gpt-5-nano")]
            [Fallback("anthropic/claude-haiku-4-5")]
            """));
}

public class RouteOwnerTests
{
    [Fact]
    public Task Route_without_owner_is_an_info() =>
        AnalyzerTest<RouteOwnerAnalyzer>.Run(
            Route("[{|#0:ModelRoute(\"openai/gpt-5-mini\", Owner = \"  \")|}]"),
            new DiagnosticResult("FO113", DiagnosticSeverity.Info).WithLocation(0).WithArguments("SupportAi.Classify", "has no Owner"));

    [Fact]
    public Task Route_with_owner_is_fine() =>
        AnalyzerTest<RouteOwnerAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\", Owner = \"support\")]"));
}

public class CancellationTokenTests
{
    [Fact]
    public Task Route_method_without_token_is_reported_on_its_name() =>
        AnalyzerTest<CancellationTokenAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\")]", "Task<string> {|FO116:ClassifyAsync|}(string ticket);"));

    [Fact]
    public Task Route_method_with_token_is_fine() =>
        AnalyzerTest<CancellationTokenAnalyzer>.Run(Route("[ModelRoute(\"openai/gpt-5-mini\")]", "Task<string> ClassifyAsync(string ticket, CancellationToken token);"));

    [Fact]
    public Task Non_route_methods_are_not_judged() =>
        AnalyzerTest<CancellationTokenAnalyzer>.Run(Usings + "public interface IOther { Task<string> RunAsync(string x); }\n");
}

public class ContinueRecoveryTests
{
    // The test's own catalog: acme/continuer accepts a prefill, acme/plain does not.
    private const string Catalog = """
        { "models": [
          { "id": "acme/primary", "contextWindow": 8192, "price": { "inputPerMillion": 1, "outputPerMillion": 2 }, "capabilities": ["streaming"] },
          { "id": "acme/continuer", "contextWindow": 8192, "price": { "inputPerMillion": 1, "outputPerMillion": 2 }, "capabilities": ["streaming", "prefill"] },
          { "id": "acme/plain", "contextWindow": 8192, "price": { "inputPerMillion": 1, "outputPerMillion": 2 }, "capabilities": ["streaming"] }
        ] }
        """;

    private const string StreamMethod = "System.Collections.Generic.IAsyncEnumerable<string> WriteAsync(string ticket, CancellationToken cancellationToken = default);";

    [Fact]
    public Task Continue_with_a_fallback_that_does_not_accept_a_prefill_is_an_error_on_that_fallback() =>
        new AnalyzerTest<ContinueRecoveryAnalyzer>(Route("""
            [ModelRoute("acme/primary", StreamRecovery = StreamRecovery.Continue)]
            [Fallback("acme/continuer")]
            [{|FO117:Fallback("acme/plain")|}]
            """, StreamMethod), ("models.json", Catalog)).RunAsync();

    [Fact]
    public Task Continue_with_prefill_fallbacks_and_Restart_with_any_fallback_are_fine() =>
        new AnalyzerTest<ContinueRecoveryAnalyzer>(Route("""
            [ModelRoute("acme/primary", StreamRecovery = StreamRecovery.Continue)]
            [Fallback("acme/continuer")]
            """, StreamMethod) + Route2(), ("models.json", Catalog)).RunAsync();

    private static string Route2() => """

        namespace Other
        {
            using System.Collections.Generic;
            using System.Threading;
            using Failover;

            public interface IRestartAi
            {
                [ModelRoute("acme/primary", StreamRecovery = StreamRecovery.Restart)]
                [Fallback("acme/plain")]
                [Prompt("Write about {topic}")]
                IAsyncEnumerable<string> WriteAsync(string topic, CancellationToken cancellationToken = default);
            }
        }
        """;
}
