using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.Analyzers.Tests;

/// <summary>
/// Every way a user silences a diagnostic works for a declaration rule (FO005, found by the shared parse) and a safety
/// rule (FO100): each is reported without suppression, and not at all with #pragma, [SuppressMessage], an .editorconfig
/// severity or &lt;NoWarn&gt; (the compilation's specific diagnostic options, which is what NoWarn becomes).
/// </summary>
public class SuppressionTests
{
    public enum Mechanism
    {
        None,
        Pragma,
        SuppressMessage,
        EditorConfig,
        NoWarn,
    }

    public static TheoryData<Mechanism> Mechanisms => new(Enum.GetValues<Mechanism>());

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public Task Declaration_rule_FO005(Mechanism mechanism) =>
        Run<DeclarationAnalyzer>("FO005", "Failover.Declaration", mechanism);

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public Task Safety_rule_FO100(Mechanism mechanism) =>
        Run<FallbackPresenceAnalyzer>("FO100", "Failover.Reliability", mechanism);

    private static Task Run<TAnalyzer>(string id, string category, Mechanism mechanism)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        // The markup marks where the diagnostic is expected when nothing suppresses it.
        var route = id == "FO100" ? "{|FO100:ModelRoute(\"openai/gpt-5-mini\", Owner = \"support\")|}" : "ModelRoute(\"openai/gpt-5-mini\", Owner = \"support\")";
        var parameter = id == "FO005" ? "{|FO005:unused|}" : "unused";
        var source = $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using Failover;

            public interface ISupportAi
            {
                {{(mechanism == Mechanism.Pragma ? "#pragma warning disable " + id : string.Empty)}}
                {{(mechanism == Mechanism.SuppressMessage ? $"[System.Diagnostics.CodeAnalysis.SuppressMessage(\"{category}\", \"{id}\")]" : string.Empty)}}
                [{{route}}]
                [Retry(MaxAttempts = 3)]
                [Prompt("Classify: {ticket}")]
                Task<string> ClassifyAsync(string ticket, string {{parameter}}, CancellationToken cancellationToken = default);
            }
            """;
        if (mechanism != Mechanism.None)
        {
            source = source.Replace("{|" + id + ":", string.Empty).Replace("|}", string.Empty);
        }

        var test = new AnalyzerTest<TAnalyzer>(source);
        if (mechanism == Mechanism.EditorConfig)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n\n[*]\ndotnet_diagnostic.{id}.severity = none\n"));
        }

        if (mechanism == Mechanism.NoWarn)
        {
            test.SolutionTransforms.Add((solution, projectId) =>
            {
                var options = solution.GetProject(projectId)!.CompilationOptions!;
                return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(
                    options.SpecificDiagnosticOptions.SetItem(id, ReportDiagnostic.Suppress)));
            });
        }

        return test.RunAsync();
    }
}
