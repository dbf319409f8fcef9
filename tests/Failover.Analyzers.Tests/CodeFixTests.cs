using Failover.CodeAnalysis.Analyzers;
using Failover.CodeAnalysis.CodeFixes;
using static Failover.Analyzers.Tests.Sources;

namespace Failover.Analyzers.Tests;

public class CodeFixTests
{
    [Fact]
    public Task Add_fallback_inserts_a_catalog_model_from_another_provider_after_the_route() =>
        CodeFixTest<FallbackPresenceAnalyzer, AddFallbackCodeFix>.Run(
            Route("""
                [{|FO100:ModelRoute("anthropic/claude-sonnet-4-5", Tier = RouteTier.Reasoning, Requires = Capabilities.Tools, Region = "eu")|}]
                [Retry]
                """),
            Route("""
                [ModelRoute("anthropic/claude-sonnet-4-5", Tier = RouteTier.Reasoning, Requires = Capabilities.Tools, Region = "eu")]
                [Fallback("openai/o3")]
                [Retry]
                """));

    [Fact]
    public Task Add_fallback_fixes_a_chain_on_one_provider_after_its_last_fallback() =>
        CodeFixTest<ProviderDiversityAnalyzer, AddFallbackCodeFix>.Run(
            Route("""
                [{|FO102:ModelRoute("openai/gpt-5-mini", Tier = RouteTier.Classification)|}]
                [Fallback("openai/gpt-5-nano")]
                """),
            Route("""
                [ModelRoute("openai/gpt-5-mini", Tier = RouteTier.Classification)]
                [Fallback("openai/gpt-5-nano")]
                [Fallback("anthropic/claude-haiku-4-5")]
                """));

    [Fact]
    public Task Add_retry_fixes_every_route_of_the_file_at_once() =>
        CodeFixTest<RetryRuleAnalyzer, AddRetryCodeFix>.Run(
            Usings + """
                public interface ISupportAi
                {
                    [{|FO103:ModelRoute("openai/gpt-5-mini")|}]
                    [Fallback("google/gemini-2.5-flash")]
                    [Prompt("Classify: {ticket}")]
                    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

                    [{|FO103:Failover.ModelRoute("openai/gpt-5")|}]
                    [Prompt("Summarise: {text}")]
                    Task<string> SummariseAsync(string text, CancellationToken cancellationToken = default);
                }
                """,
            Usings + """
                public interface ISupportAi
                {
                    [ModelRoute("openai/gpt-5-mini")]
                    [Fallback("google/gemini-2.5-flash")]
                    [Retry(MaxAttempts = 3)]
                    [Prompt("Classify: {ticket}")]
                    Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);

                    [Failover.ModelRoute("openai/gpt-5")]
                    [Failover.Retry(MaxAttempts = 3)]
                    [Prompt("Summarise: {text}")]
                    Task<string> SummariseAsync(string text, CancellationToken cancellationToken = default);
                }
                """);

    [Fact]
    public Task Retired_model_is_replaced_by_its_catalog_replacement() =>
        CodeFixTest<ModelLifecycleAnalyzer, ReplaceModelCodeFix>.Run(
            Route("[{|FO109:ModelRoute(\"openai/gpt-4o\", Owner = \"support\")|}]"),
            Route("[ModelRoute(\"openai/gpt-5\", Owner = \"support\")]"));

    [Fact]
    public Task Unknown_model_is_replaced_by_the_did_you_mean_id() =>
        CodeFixTest<UnknownModelAnalyzer, ReplaceModelCodeFix>.Run(
            Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[{|FO107:Fallback(\"google/gemini-2.5-flsh\")|}]"),
            Route("[ModelRoute(\"openai/gpt-5-mini\")]\n[Fallback(\"google/gemini-2.5-flash\")]"));

    [Fact]
    public Task A_fallback_below_the_routes_class_is_replaced_by_the_fallback_the_message_names() =>
        CodeFixTest<FallbackClassAnalyzer, ReplaceModelCodeFix>.Run(
            Route("[ModelRoute(\"openai/gpt-5\", Tier = RouteTier.Reasoning)]\n[{|FO120:Fallback(\"google/gemini-2.5-flash-lite\")|}]"),
            Route("[ModelRoute(\"openai/gpt-5\", Tier = RouteTier.Reasoning)]\n[Fallback(\"google/gemini-2.5-pro\")]"));

    [Fact]
    public Task A_much_more_expensive_fallback_is_replaced_by_one_closer_in_price() =>
        CodeFixTest<FallbackCostAnalyzer, ReplaceModelCodeFix>.Run(
            Route("[ModelRoute(\"openai/gpt-5-mini\", Tier = RouteTier.Classification)]\n[{|FO121:Fallback(\"anthropic/claude-opus-4-1\")|}]"),
            Route("[ModelRoute(\"openai/gpt-5-mini\", Tier = RouteTier.Classification)]\n[Fallback(\"anthropic/claude-haiku-4-5\")]"));

    [Fact]
    public Task A_classification_route_on_a_frontier_primary_moves_to_the_cheaper_model_the_message_names() =>
        CodeFixTest<CheapTierOnFrontierAnalyzer, ReplaceModelCodeFix>.Run(
            Route("[{|FO122:ModelRoute(\"openai/gpt-5\", Tier = RouteTier.Classification)|}]\n[Fallback(\"anthropic/claude-haiku-4-5\")]"),
            Route("[ModelRoute(\"openai/gpt-5-mini\", Tier = RouteTier.Classification)]\n[Fallback(\"anthropic/claude-haiku-4-5\")]"));

    [Fact]
    public Task No_fix_moves_the_primary_onto_a_model_the_chain_already_holds() =>
        CodeFixTest<CheapTierOnFrontierAnalyzer, ReplaceModelCodeFix>.Run(
            Route("[{|FO122:ModelRoute(\"openai/gpt-5\", Tier = RouteTier.Classification)|}]\n[Fallback(\"openai/gpt-5-mini\")]"),
            Route("[{|FO122:ModelRoute(\"openai/gpt-5\", Tier = RouteTier.Classification)|}]\n[Fallback(\"openai/gpt-5-mini\")]"));

    [Fact]
    public Task Add_cancellation_token_appends_the_parameter_and_the_using() =>
        CodeFixTest<CancellationTokenAnalyzer, AddCancellationTokenCodeFix>.Run(
            """
            using System.Threading.Tasks;
            using Failover;

            public interface ISupportAi
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("Classify the ticket: {ticket}")]
                Task<string> {|FO116:ClassifyAsync|}(string ticket);
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Failover;

            public interface ISupportAi
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("Classify the ticket: {ticket}")]
                Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);
            }
            """);

    [Fact]
    public Task Add_cancellation_token_to_a_method_without_parameters_keeps_the_existing_using() =>
        CodeFixTest<CancellationTokenAnalyzer, AddCancellationTokenCodeFix>.Run(
            Route("[ModelRoute(\"openai/gpt-5-mini\")]", "Task<string> {|FO116:ClassifyAsync|}(string ticket);"),
            Route("[ModelRoute(\"openai/gpt-5-mini\")]", "Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);"));
}
