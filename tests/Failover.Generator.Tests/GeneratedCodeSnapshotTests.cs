using Xunit;

namespace Failover.Generator.Tests;

public sealed class GeneratedCodeSnapshotTests
{
    [Fact]
    public void Prompt_template_with_text_result_and_two_fallbacks()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Failover;

            namespace Support;

            public interface ISupportAi
            {
                [ModelRoute("openai/gpt-5-mini", Tier = RouteTier.Classification, Owner = "support")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Fallback("google/gemini-2.5-flash")]
                [Retry(MaxAttempts = 3)]
                [Prompt("Classify the ticket as billing, bug or other.\nTicket: {ticket}")]
                Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);
            }
            """;

        AssertGenerates(source, nameof(Prompt_template_with_text_result_and_two_fallbacks));
    }

    [Fact]
    public void Messages_parameter_with_chat_response_and_system_prompt()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Failover;
            using Microsoft.Extensions.AI;

            namespace Support.Drafting;

            [SystemPrompt("You are a polite support agent for {product}.")]
            internal interface IDraftingAi
            {
                [ModelRoute("anthropic/claude-sonnet-4-5", Criticality = Criticality.Critical, Requires = Capabilities.Tools | Capabilities.Json,
                            MinContextTokens = 200_000, AttemptTimeoutMs = 20_000, TotalTimeoutMs = 60_000, Region = "eu")]
                [Fallback("openai/gpt-5")]
                Task<ChatResponse> DraftReplyAsync(IReadOnlyList<ChatMessage> conversation, string product, CancellationToken cancellationToken);
            }
            """;

        AssertGenerates(source, nameof(Messages_parameter_with_chat_response_and_system_prompt));
    }

    private const string InvoiceAi = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;
        using Microsoft.Extensions.AI;

        [assembly: Retry(MaxAttempts = 4, BaseDelayMs = 100, MaxDelayMs = 2000, Jitter = false)]
        [assembly: RouteTimeout(AttemptTimeoutMs = 15_000)]

        namespace Billing;

        [RouteTimeout(TotalTimeoutMs = 45_000)]
        public interface IInvoiceAi
        {
            [ModelRoute("openai/gpt-5-nano", Name = "billing.summary", Criticality = Criticality.Low)]
            [Fallback("mistral/mistral-small-latest")]
            [Prompt("Summarise invoice {number} of {amount} EUR dated {date}. Use {{braces}} literally.")]
            ValueTask<string> SummariseAsync(int number, decimal amount, DateTime date);

            [ModelRoute("openai/gpt-5-nano")]
            [Fallback("anthropic/claude-haiku-4-5")]
            [Prompt("{text}")]
            ValueTask<ChatResponse> EchoAsync(string? text, CancellationToken cancellationToken = default);
        }
        """;

    [Fact]
    public void ValueTask_results_non_string_placeholders_and_inherited_defaults()
    {
        // A format specifier is not a parameter name: FO006, and the interface is not generated.
        var run = GeneratorHarness.Run(InvoiceAi.Replace("dated {date}.", "dated {date:yyyy}.", StringComparison.Ordinal));
        Assert.Contains(run.DeclarationDiagnostics, static d => d.Id == "FO006");
        Assert.DoesNotContain(run.Sources.SelectMany(static s => s.SourceText.ToString().Split('\n')), static l => l.Contains("SummariseAsync("));
        Snapshot.Match(run.DiagnosticsText(), nameof(ValueTask_results_non_string_placeholders_and_inherited_defaults) + "#diagnostics", "txt");
    }

    [Fact]
    public void ValueTask_results_with_inherited_retry_and_timeouts() =>
        AssertGenerates(InvoiceAi, nameof(ValueTask_results_with_inherited_retry_and_timeouts));

    [Fact]
    public void Interface_retry_default_nested_interface_and_keyword_parameter()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Failover;

            namespace Catalogue;

            public static class Ai
            {
                [Retry(MaxAttempts = 2, RetryInvalidResponse = true)]
                public interface ITagger
                {
                    [ModelRoute("google/gemini-2.5-flash-lite", Tier = RouteTier.Extraction, Owner = "catalogue")]
                    [Fallback("openai/gpt-5-nano")]
                    [Fallback("anthropic/claude-haiku-4-5")]
                    [SystemPrompt("Answer with comma-separated tags only.")]
                    [Prompt("Tag this {class} product: {description}")]
                    Task<string> TagAsync(string @class, string description, CancellationToken cancellationToken = default);

                    [ModelRoute("google/gemini-2.5-flash-lite")]
                    [Fallback("openai/gpt-5-nano")]
                    [Prompt("Tag again: {description}")]
                    Task<string> Tag(string description);
                }
            }
            """;

        AssertGenerates(source, nameof(Interface_retry_default_nested_interface_and_keyword_parameter));
    }

    [Fact]
    public void Interface_in_global_namespace_with_a_route_that_cannot_be_generated()
    {
        const string source = """
            using System.Threading.Tasks;
            using Failover;

            public interface IGlobalAi
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Prompt("Hello {name}")]
                Task<string> GreetAsync(string name);

                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("Hello")]
                Task<int> CountAsync();
            }
            """;

        var run = GeneratorHarness.Run(source);
        Assert.Equal("FO001", Assert.Single(run.DeclarationDiagnostics).Id);
        // A client missing a member would not compile (CS0535): the interface gets no client until FO001 is fixed.
        Assert.Empty(run.Sources);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Interface_in_global_namespace()
    {
        const string source = """
            using System.Threading.Tasks;
            using Failover;

            public interface IGlobalAi
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Prompt("Hello {name}")]
                Task<string> GreetAsync(string name);
            }
            """;

        var run = GeneratorHarness.Run(source);
        var generated = Assert.Single(run.Sources);
        Assert.Equal("IGlobalAi.g.cs", generated.HintName);
        Snapshot.Match(generated.SourceText.ToString(), nameof(Interface_in_global_namespace));
        Assert.Empty(run.DeclarationDiagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Chat_defaults_on_the_interface_and_the_method_the_method_winning()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Failover;

            namespace Support;

            public sealed record Ticket(string Category);

            [ChatDefaults(Temperature = 0.7, MaxOutputTokens = 1000, Seed = 42)]
            public interface ITunedAi
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("google/gemini-2.5-flash")]
                [ChatDefaults(Temperature = 0.2, MaxOutputTokens = 400, TopP = 0.9, TopK = 40, FrequencyPenalty = -0.5, PresencePenalty = 1.5,
                              Stop = new[] { "END", "\"quoted\"" }, ResponseFormat = DefaultResponseFormat.Json)]
                [Prompt("Summarise: {text}")]
                Task<string> SummariseAsync(string text, CancellationToken cancellationToken = default);

                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Prompt("Classify: {text}")]
                Task<Ticket> ClassifyAsync(string text, CancellationToken cancellationToken = default);
            }
            """;

        AssertGenerates(source, nameof(Chat_defaults_on_the_interface_and_the_method_the_method_winning));
    }

    private static void AssertGenerates(string source, string name)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.DeclarationDiagnostics.Where(static d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Empty(run.CompilationErrors);
        var generated = Assert.Single(run.Sources);
        Snapshot.Match(generated.SourceText.ToString(), name + "#" + generated.HintName.Replace(".g.cs", string.Empty));
    }
}
