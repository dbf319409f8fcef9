using System.Collections;
using System.Reflection;
using Failover.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Failover.Generator.Tests;

public sealed class CacheabilityTests
{
    private const string Routes = """
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;

        namespace Support;

        public interface ISupportAi
        {
            [ModelRoute("openai/gpt-5-mini", Owner = "support")]
            [Fallback("anthropic/claude-haiku-4-5")]
            [Retry(MaxAttempts = 3)]
            [Prompt("Classify: {ticket}")]
            Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);
        }

        // A broken route: its interface is not generated (the analyzers report why).
        public interface IBrokenAi
        {
            [ModelRoute("openai/gpt-5-mini")]
            [Prompt("Unused {missing}")]
            Task<string> BrokenAsync(string other);
        }
        """;

    private static readonly string[] TrackedSteps = [TrackingNames.Routes, TrackingNames.RouteModels, TrackingNames.Interfaces, TrackingNames.Catalog];

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compile(Routes, "namespace Other; public class Unrelated { }");
        var first = GeneratorHarness.Run(compilation, []);
        AssertNoRoslynObjects(first.Result);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { public int Added => 1; }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path: "Source1.cs"));
        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        var seen = new HashSet<string>();
        foreach (var (name, steps) in second.TrackedSteps.Where(static s => TrackedSteps.Contains(s.Key)))
        {
            seen.Add(name);
            foreach (var output in steps.SelectMany(static step => step.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' produced {output.Reason} after an unrelated edit.");
            }
        }

        Assert.Equal(TrackedSteps.Order(), seen.Order());
        Assert.All(second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs),
            static output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_a_route_regenerates_its_interface()
    {
        var compilation = GeneratorHarness.Compile(Routes);
        var first = GeneratorHarness.Run(compilation, []);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(Routes.Replace("MaxAttempts = 3", "MaxAttempts = 4"), (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path: "Source0.cs"));
        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps[TrackingNames.Interfaces].SelectMany(static s => s.Outputs).Select(static o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains("MaxAttempts = 4", second.GeneratedSources.Single().SourceText.ToString());
    }

    private static void AssertNoRoslynObjects(GeneratorRunResult result)
    {
        foreach (var (name, steps) in result.TrackedSteps.Where(static s => TrackedSteps.Contains(s.Key)))
        {
            foreach (var output in steps.SelectMany(static s => s.Outputs))
            {
                AssertPlainData(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertPlainData(object? value, string step, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel, $"Step '{step}' holds a {value.GetType().Name}, which keeps compilations alive and defeats caching.");
        if (value is DiagnosticDescriptor or Microsoft.CodeAnalysis.Text.TextSpan or Microsoft.CodeAnalysis.Text.LinePositionSpan)
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertPlainData(item, step, visited);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertPlainData(field.GetValue(value), step, visited);
        }
    }
}
