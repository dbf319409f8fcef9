using Xunit;

namespace Failover.Generator.Tests;

public sealed class RoutingFeatureSnapshotTests
{
    [Fact]
    public void Streaming_structured_route_result_hedge_canary_and_degrade()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using System.Threading;
            using System.Threading.Tasks;
            using Failover;
            using Microsoft.Extensions.AI;

            namespace Support;

            public sealed record TicketCategory(string Name, int Priority);

            // Stands in for a System.Text.Json source-generated context (that generator does not run in this harness).
            public abstract class SupportJson : JsonSerializerContext
            {
                protected SupportJson() : base(null) { }
                public static SupportJson Default => null!;
            }

            public static class Fallbacks
            {
                public static TicketCategory Classify(string ticket, string customerId) => new("other", 3);
            }

            [JsonContext(typeof(SupportJson))]
            public interface ISupportAi
            {
                [ModelRoute("openai/gpt-5-mini", EstimateContext = true)]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Hedge(AfterMs = 1500)]
                [Canary("google/gemini-2.5-flash", Percent = 5)]
                [Degrade(typeof(Fallbacks), nameof(Fallbacks.Classify))]
                [Prompt("Classify: {ticket}")]
                Task<TicketCategory> ClassifyAsync(string ticket, [CanaryKey] string customerId, CancellationToken cancellationToken = default);

                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Degrade(nameof(NoSummary))]
                [Prompt("Summarise: {text}")]
                ValueTask<RouteResult<string>> SummariseAsync(string text);

                static string NoSummary() => "(summary unavailable)";

                [ModelRoute("anthropic/claude-sonnet-4-5")]
                [Fallback("openai/gpt-5")]
                [Prompt("Extract: {text}")]
                Task<RouteResult<TicketCategory>> ExtractAsync(string text, CancellationToken cancellationToken);

                [ModelRoute("anthropic/claude-sonnet-4-5")]
                [Fallback("openai/gpt-5")]
                IAsyncEnumerable<string> DraftAsync(IReadOnlyList<ChatMessage> conversation, CancellationToken cancellationToken = default);

                [ModelRoute("anthropic/claude-sonnet-4-5")]
                [Fallback("openai/gpt-5")]
                [Canary("google/gemini-2.5-pro", Percent = 0.5)]
                [Prompt("Draft for {customer}")]
                IAsyncEnumerable<ChatResponseUpdate> DraftUpdatesAsync([CanaryKey] string customer, CancellationToken cancellationToken = default);
            }
            """;

        var run = GeneratorHarness.Run(source);

        Assert.Empty(run.DeclarationDiagnostics);
        Assert.Empty(run.CompilationErrors);
        var generated = Assert.Single(run.Sources);
        Snapshot.Match(generated.SourceText.ToString(), nameof(Streaming_structured_route_result_hedge_canary_and_degrade) + "#" + generated.HintName.Replace(".g.cs", string.Empty));
    }
}
