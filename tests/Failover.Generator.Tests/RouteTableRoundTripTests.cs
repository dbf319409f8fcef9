using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace Failover.Generator.Tests;

/// <summary>
/// The generated route table is data (one row per route, read by <see cref="RouteTable.Read"/> when the route class is
/// initialised): these compile a generated client, load it, and check that every descriptor property the attributes set
/// comes back as declared, texts with the table's separators and escape character included.
/// </summary>
public sealed class RouteTableRoundTripTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;

        namespace Desk;

        public sealed record Ticket(string Category);

        public interface IRoundTripAi
        {
            [ModelRoute("openai/gpt-5-mini", Name = "odd|name,with\\escapes", Owner = "team|a,b\\c\nd", Region = " eu,west ", Tier = RouteTier.Reasoning,
                Criticality = Criticality.Critical, Requires = Capabilities.Json, MinContextTokens = 1000, AttemptTimeoutMs = 1234, TotalTimeoutMs = 5678,
                FallbackOnContentPolicy = true, EstimateContext = true)]
            [Fallback("anthropic/claude-haiku-4-5")]
            [Fallback("openai/gpt-5-mini")]
            [Retry(MaxAttempts = 3)]
            [Hedge(AfterMs = 1500)]
            [Canary("google/gemini-2.5-flash", Percent = 0.5)]
            [Prompt("Classify: {text}")]
            [Prompt("<t>{text}</t>", For = "anthropic")]
            [Prompt("Ticket: {text}", For = "google/gemini-2.5-flash")]
            Task<Ticket> ClassifyAsync(string text, CancellationToken cancellationToken = default);

            [ModelRoute("anthropic/claude-haiku-4-5", FirstTokenTimeoutMs = 900, StallTimeoutMs = 800, StreamRecovery = StreamRecovery.Restart)]
            [Prompt("Write: {text}")]
            IAsyncEnumerable<string> WriteAsync(string text, CancellationToken cancellationToken = default);

            [ModelRoute("openai/gpt-5-mini", Owner = "")]
            [Fallback("google/gemini-2.5-flash")]
            [Retry(MaxAttempts = 2)]
            [Prompt("Plain: {text}")]
            Task<string> PlainAsync(string text, CancellationToken cancellationToken = default);
        }
        """;

    [Fact]
    public void Every_declared_property_comes_back_from_the_table()
    {
        var routes = LoadRoutes();
        Assert.Equal(3, routes.Count);

        var classify = routes[0];
        Assert.Equal("odd|name,with\\escapes", classify.Name);
        Assert.Equal("Desk.IRoundTripAi", classify.Interface);
        Assert.Equal("ClassifyAsync", classify.Method);
        Assert.Equal("openai/gpt-5-mini", classify.Primary.Id);
        Assert.Equal(400000, classify.Primary.ContextWindow);
        Assert.Equal(["anthropic/claude-haiku-4-5", "openai/gpt-5-mini"], classify.Fallbacks.Select(static f => f.Id));

        // A model the route lists twice is its own instance the second time: the engine tells attempts apart by target.
        Assert.NotSame(classify.Primary, classify.Fallbacks[1]);
        Assert.Equal(classify.Primary.InputPricePerMillion, classify.Fallbacks[1].InputPricePerMillion);
        Assert.Equal(3, classify.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(1234), classify.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(5678), classify.TotalTimeout);
        Assert.Null(classify.FirstTokenTimeout);
        Assert.Equal(RouteTier.Reasoning, classify.Tier);
        Assert.Equal("team|a,b\\c\nd", classify.Owner);
        Assert.Equal(Criticality.Critical, classify.Criticality);
        Assert.Equal(Capabilities.Json, classify.Requires);
        Assert.Equal(1000, classify.MinContextTokens);
        Assert.Equal(" eu,west ", classify.Region);
        Assert.True(classify.FallbackOnContentPolicy);
        Assert.True(classify.EstimateContext);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), classify.Hedge);
        Assert.Equal("google/gemini-2.5-flash", classify.Canary?.Model.Id);
        Assert.Equal(0.5, classify.Canary?.Percent);
        Assert.Equal(["anthropic", "google/gemini-2.5-flash"], classify.PromptVariants);
        Assert.NotNull(classify.Options?.ResponseFormat);

        var write = routes[1];
        Assert.Empty(write.Fallbacks);
        Assert.Same(RetryRule.None, write.Retry);
        Assert.Equal(TimeSpan.FromMilliseconds(900), write.FirstTokenTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(800), write.StallTimeout);
        Assert.Equal(StreamRecovery.Restart, write.StreamRecovery);
        Assert.Equal(Criticality.Normal, write.Criticality);
        Assert.Null(write.Owner);
        Assert.Null(write.Region);
        Assert.Null(write.Options);
        Assert.Null(write.Canary);
        Assert.Null(write.Hedge);
        Assert.Empty(write.PromptVariants);

        var plain = routes[2];
        Assert.Equal("RoundTripAi.Plain", plain.Name);
        Assert.Null(plain.Owner); // a blank Owner is no owner (the parser drops it), as before the table was data
        Assert.Equal(2, plain.Retry.MaxAttempts);

        // The shared model is one instance across routes, and the table is read once: the fields and All agree.
        Assert.Same(classify.Primary, plain.Primary);
    }

    private static IReadOnlyList<RouteDescriptor> LoadRoutes()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.Empty(run.CompilationErrors);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        // The test's own Failover.Runtime is the one the generated code binds to (the default context resolves it).
        var context = new AssemblyLoadContext("route-table-round-trip", isCollectible: true);
        image.Position = 0;
        var assembly = context.LoadFromStream(image);
        var routesType = assembly.GetType("Desk.RoundTripAiRoutes", throwOnError: true)!;
        var all = (IReadOnlyList<RouteDescriptor>)routesType.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        Assert.Same(all[0], routesType.GetField("Classify", BindingFlags.Public | BindingFlags.Static)!.GetValue(null));
        return all;
    }
}
