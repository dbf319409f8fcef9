using System.Collections.Immutable;
using Failover.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Failover.Generator.Tests;

/// <summary>The generated list of model calls that bypass routes, for the route inventory (the code side of FO118).</summary>
public sealed class UnroutedCallGeneratorTests
{
    private const string App = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop;

        public sealed class TicketService(IChatClient client)
        {
            public Task<ChatResponse> ClassifyAsync(string ticket) =>
                client.GetResponseAsync(ticket);
        }

        public sealed class Middleware(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
                InnerClient.GetResponseAsync(messages, options, cancellationToken);
        }
        """;

    private static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(Compilation compilation, string projectDir = "/repo/src/Shop/")
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new UnroutedCallGenerator().AsSourceGenerator()],
            optionsProvider: new ProjectOptions(projectDir),
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (driver, output, diagnostics);
    }

    private static Compilation Compile(string path, string source) =>
        GeneratorHarness.Compile().AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: path));

    [Fact]
    public void Application_calls_are_listed_with_project_relative_path_line_and_member_and_middleware_is_not()
    {
        var (driver, output, diagnostics) = Run(Compile("/repo/src/Shop/Services/TicketService.cs", App));

        Assert.Empty(diagnostics);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        var source = Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources);
        Assert.Equal("FailoverUnroutedModelCalls.g.cs", source.HintName);
        var text = source.SourceText.ToString();
        Assert.Contains("new global::Failover.UnroutedModelCall(\"ChatClientExtensions.GetResponseAsync\", \"Services/TicketService.cs\", 10, \"TicketService.ClassifyAsync(string)\", \"Consumer\"),", text);
        Assert.Single(text.Split('\n'), static l => l.Contains("UnroutedModelCall(\"", StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), static d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Nothing_is_generated_without_unrouted_calls_or_without_the_Failover_runtime()
    {
        var middlewareOnly = App[..App.IndexOf("public sealed class TicketService", StringComparison.Ordinal)] + App[App.IndexOf("public sealed class Middleware", StringComparison.Ordinal)..];
        Assert.Empty(Run(Compile("/repo/src/Shop/M.cs", middlewareOnly)).Driver.GetRunResult().Results.Single().GeneratedSources);

        var withoutRuntime = CSharpCompilation.Create(
            "NoRuntime",
            [CSharpSyntaxTree.ParseText(App, new CSharpParseOptions(LanguageVersion.Latest), path: "/repo/src/Shop/A.cs")],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.ChatMessage).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(Run(withoutRuntime).Driver.GetRunResult().Results.Single().GeneratedSources);
    }

    [Fact]
    public void An_edit_elsewhere_leaves_the_call_sites_cached()
    {
        var compilation = Compile("/repo/src/Shop/Services/TicketService.cs", App).AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class A { }", new CSharpParseOptions(LanguageVersion.Latest), path: "/repo/src/Shop/A.cs"));
        var (driver, _, _) = Run(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Other; public class A { public int B; }", new CSharpParseOptions(LanguageVersion.Latest), path: "/repo/src/Shop/A.cs"));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var steps = second.TrackedSteps[UnroutedCallGenerator.CallSites].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, static r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs), static o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    private sealed class ProjectOptions(string projectDir) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(projectDir);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(null);

        private sealed class Options(string? projectDir) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = projectDir ?? string.Empty;
                return key == "build_property.projectdir" && projectDir is not null;
            }
        }
    }
}
