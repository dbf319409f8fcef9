using Xunit;
using System.Collections.Immutable;
using Failover.CodeAnalysis;
using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.Generator.Tests;

/// <summary>
/// Compiles sources with the Failover generator and reports what it produced, with the declaration diagnostics
/// (FO001–FO012) that the analyzers report from the same parse: the generator itself reports nothing, which every
/// run here asserts.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(FailoverEngine).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.ChatMessage).Assembly.Location),
    ];

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources), []);

    public static GeneratorRun Run(CSharpCompilation compilation, ImmutableArray<AdditionalText> additionalTexts)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new FailoverGenerator().AsSourceGenerator()],
            additionalTexts,
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(driver.GetRunResult().Results.Single().Diagnostics);
        return new GeneratorRun(driver, output, Declarations(compilation, additionalTexts));
    }

    /// <summary>What the declaration analyzer reports on <paramref name="compilation"/>; an analyzer exception fails the test.</summary>
    public static ImmutableArray<Diagnostic> Declarations(Compilation compilation, ImmutableArray<AdditionalText> additionalTexts)
    {
        var failures = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalTexts),
            onAnalyzerException: (error, _, _) => { lock (failures) { failures.Add(error); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers([new DeclarationAnalyzer()], options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.Empty(failures);
        return diagnostics;
    }
}

internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> DeclarationDiagnostics)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    public IReadOnlyList<GeneratedSourceResult> Sources => Result.GeneratedSources;

    public IEnumerable<Diagnostic> CompilationErrors =>
        Output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Diagnostics as text: id, severity, line span and message, sorted.</summary>
    public string DiagnosticsText() => string.Join("\n", DeclarationDiagnostics
        .Select(static d => $"{d.Id} {d.Severity} {d.Location.GetLineSpan().Path}({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.GetMessage()}")
        .Order(StringComparer.Ordinal));
}
