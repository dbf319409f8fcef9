using Xunit;
using Failover.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Failover.Generator.Tests;

/// <summary>
/// Edits in the same file as the routes: code that only moves, comments and diagnostic-only changes leave every
/// generated file as it was (the generation model holds no locations); an edit inside one interface regenerates only it.
/// </summary>
public sealed class EditCacheabilityTests
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
            Task<string> ClassifyAsync(string ticket, string unused, CancellationToken cancellationToken = default);
        }

        public interface IBillingAi
        {
            [ModelRoute("anthropic/claude-haiku-4-5", Owner = "billing")]
            [Fallback("openai/gpt-5-mini")]
            [Prompt("Summarise: {invoice}")]
            Task<string> SummariseAsync(string invoice, CancellationToken cancellationToken = default);
        }
        """;

    public static TheoryData<string, string, string> EditsThatOnlyMoveCode => new()
    {
        { "a line added above the interfaces", "namespace Support;", "namespace Support;\n\n// moved down a line\n" },
        { "a comment between the attributes", "[Fallback(\"anthropic/claude-haiku-4-5\")]", "// the cheap fallback\n    [Fallback(\"anthropic/claude-haiku-4-5\")]" },
        { "blank lines inside the interface", "public interface ISupportAi\n{", "public interface ISupportAi\n{\n\n\n" },
        { "a pragma that silences FO005", "    Task<string> ClassifyAsync", "#pragma warning disable FO005\n    Task<string> ClassifyAsync" },
        { "a [SuppressMessage] for FO103", "[Prompt(\"Summarise: {invoice}\")]", "[Prompt(\"Summarise: {invoice}\")]\n    [System.Diagnostics.CodeAnalysis.SuppressMessage(\"Failover.Reliability\", \"FO103\")]" },
        { "a new type below the interfaces", "Task<string> SummariseAsync(string invoice, CancellationToken cancellationToken = default);\n}", "Task<string> SummariseAsync(string invoice, CancellationToken cancellationToken = default);\n}\n\npublic sealed class Helper { }" },
    };

    [Theory]
    [MemberData(nameof(EditsThatOnlyMoveCode))]
    public void An_edit_that_only_moves_code_or_changes_diagnostics_regenerates_nothing(string edit, string find, string replace)
    {
        var (first, second) = RunTwice(find, replace);

        Assert.Equal(2, second.GeneratedSources.Length);
        foreach (var name in new[] { TrackingNames.RouteModels, TrackingNames.Interfaces })
        {
            Assert.All(second.TrackedSteps[name].SelectMany(static s => s.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{edit}: step '{name}' was {output.Reason}"));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{edit}: a source output was {output.Reason}"));
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void An_edit_inside_one_interface_regenerates_that_interface_only()
    {
        var (first, second) = RunTwice("MaxAttempts = 3", "MaxAttempts = 4");

        var outputs = second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.Equal(2, outputs.Count);
        Assert.Single(outputs, static r => r == IncrementalStepRunReason.Modified);
        Assert.Single(outputs, static r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

        var before = Texts(first);
        var after = Texts(second);
        Assert.Equal(before["Support.IBillingAi.g.cs"], after["Support.IBillingAi.g.cs"]);
        Assert.Contains("MaxAttempts = 4", after["Support.ISupportAi.g.cs"]);
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(string find, string replace)
    {
        Assert.Contains(find, Routes);
        var compilation = GeneratorHarness.Compile(Routes);
        var first = GeneratorHarness.Run(compilation, []);
        var options = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(Routes.Replace(find, replace), options, path: "Source0.cs"));
        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();
        return (first.Result, second);
    }

    private static Dictionary<string, string> Texts(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());
}
