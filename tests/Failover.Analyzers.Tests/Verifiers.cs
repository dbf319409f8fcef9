using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Failover.Analyzers.Tests;

/// <summary>
/// The references every test compiles against, all from restored packages and the build output: no reference
/// assembly package is resolved (or downloaded) by the test framework, because <see cref="None"/> names none.
/// </summary>
internal static class TestReferences
{
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> All =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Failover.ModelRouteAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.ChatMessage).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(OpenAI.Chat.ChatClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.ClientModel.ApiKeyCredential).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Anthropic.AnthropicClient).Assembly.Location),
    ];

    /// <summary>The catalog date every test judges lifecycle dates against, so results do not change with the calendar.</summary>
    public const string CatalogDate = "2026-12-01";

    public static void Apply(SolutionState state, string catalogDate = CatalogDate)
    {
        state.ReferenceAssemblies = None;
        state.AdditionalReferences.AddRange(All);
        state.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.FailoverCatalogDate = " + catalogDate + "\n"));
    }
}

internal sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public AnalyzerTest(string source, params (string Name, string Text)[] additionalFiles)
        : this(TestReferences.CatalogDate, source, additionalFiles)
    {
    }

    public AnalyzerTest(string catalogDate, string source, params (string Name, string Text)[] additionalFiles)
    {
        TestReferences.Apply(TestState, catalogDate);
        TestCode = source;
        foreach (var file in additionalFiles)
        {
            TestState.AdditionalFiles.Add(file);
        }
    }

    public static Task Run(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}

internal sealed class CodeFixTest<TAnalyzer, TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFix : CodeFixProvider, new()
{
    public CodeFixTest(string source, string fixedSource)
    {
        TestReferences.Apply(TestState);
        TestReferences.Apply(FixedState);
        TestCode = source;
        FixedCode = fixedSource;
    }

    public static Task Run(string source, string fixedSource) => new CodeFixTest<TAnalyzer, TFix>(source, fixedSource).RunAsync();
}

/// <summary>Test sources: one interface around the route declarations a test cares about.</summary>
internal static class Sources
{
    public const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;

        """;

    public const string Method = "Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);";

    /// <summary>An interface with one route: <paramref name="attributes"/> (one per line) above <see cref="Method"/>.</summary>
    public static string Route(string attributes, string method = Method, string interfaceAttributes = "", string assemblyAttributes = "") =>
        Usings + assemblyAttributes + (assemblyAttributes.Length > 0 ? "\n\n" : string.Empty) + interfaceAttributes
        + (interfaceAttributes.Length > 0 ? "\n" : string.Empty) + "public interface ISupportAi\n{\n"
        + string.Join("\n", attributes.Split('\n').Select(static l => "    " + l.Trim()))
        + "\n    [Prompt(\"Classify the ticket: {ticket}\")]\n    " + method + "\n}\n";
}
