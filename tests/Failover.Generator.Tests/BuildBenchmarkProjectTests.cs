using Failover.BuildBenchmarks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Failover.Generator.Tests;

/// <summary>
/// The build benchmark (benchmarks/Failover.BuildBenchmarks) times projects it writes itself; CI does not run it, so these
/// tests check in memory, on a tenth of its size (same writers), that what it writes is what it claims to measure: routes
/// the generator accepts whole and that compile, ordinary code as large as the route declarations, and [LoggerMessage]
/// classes that compile with the LoggerMessage generator removed. The benchmark project itself builds with the solution.
/// </summary>
[Trait("Category", "BuildBenchmark")]
public sealed class BuildBenchmarkProjectTests
{
    private const int Interfaces = 10;

    [Fact]
    public void Route_interfaces_are_generated_whole_and_compile()
    {
        var run = GeneratorHarness.Run([.. RouteSources.Files(Interfaces).Select(static f => f.Text)]);

        Assert.Null(run.Result.Exception);
        Assert.Empty(run.DeclarationDiagnostics);
        Assert.Equal(Interfaces, run.Sources.Count);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(run.Output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Warning));
        var routeMethods = run.Sources.Sum(static s => s.SourceText.ToString().Split('\n').Count(static l => l.Contains("this._engine.", StringComparison.Ordinal)));
        Assert.Equal(Interfaces * RouteSources.RoutesPerInterface, routeMethods);
    }

    [Fact]
    public void Ordinary_code_is_as_large_as_the_route_declarations_and_compiles()
    {
        var routes = RouteSources.Files(Interfaces).Where(static f => f.Name.StartsWith("IArea", StringComparison.Ordinal)).Sum(static f => f.Text.Length);
        var code = UserCodeSources.Files(Interfaces).Select(static f => f.Text).ToArray();

        Assert.InRange(code.Sum(static t => t.Length), routes, routes * 1.2);
        Assert.Empty(GeneratorHarness.Compile(code).GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Logger_classes_declare_one_method_per_route_and_compile_without_their_generator()
    {
        var classes = LoggerSources.Files(Interfaces).Select(static f => f.Text).ToArray();
        var compilation = GeneratorHarness.Compile(classes).AddReferences(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));

        Assert.Empty(compilation.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(Interfaces * RouteSources.RoutesPerInterface, classes.Sum(static t => t.Split("[LoggerMessage(").Length - 1));
    }
}
