using System.Collections.Immutable;
using Failover.CodeAnalysis.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Failover.Generator.Tests;

/// <summary>
/// The inputs a fuzzer found crashing the generator or making it emit code that does not compile: each now gets a
/// compiling client, or a clear FO diagnostic (from the analyzers) and no client for that interface.
/// </summary>
public sealed class IssueInputsTests
{
    private const string Usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Failover;\n\nnamespace Support;\n\n";

    private static string Route(string attributes, string method) => Usings + $$"""
        public interface ISupportAi
        {
            [ModelRoute("openai/gpt-5-mini"{{attributes}})]
            [Prompt("Classify {ticket}")]
            {{method}}
        }
        """;

    private const string Method = "Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);";

    public static TheoryData<string, string, string> Rejected => new()
    {
        { "tier (RouteTier)(-1)", Route(", Tier = (RouteTier)(-1)", Method), "FO008" },
        { "criticality out of range", Route(", Criticality = (Criticality)9", Method), "FO008" },
        { "route name with a newline", Route(", Name = \"support.\\nclassify\"", Method), "FO008" },
        { "route name with U+2028", Route(", Name = \"support.\\u2028classify\"", Method), "FO008" },
        { "ReadOnlySpan<char> parameter", Route(string.Empty, "Task<string> ClassifyAsync(ReadOnlySpan<char> ticket);"), "FO001" },
        { "unsafe pointer parameter", Route(string.Empty, "unsafe Task<string> ClassifyAsync(string ticket, int* extra);"), "FO001" },
        { "__arglist", Route(string.Empty, "Task<string> ClassifyAsync(string ticket, __arglist);"), "FO001" },
        { "ref return", Route(string.Empty, "ref Task<string> ClassifyAsync(string ticket);"), "FO001" },
        { "file interface", Route(string.Empty, Method).Replace("public interface ISupportAi", "file interface ISupportAi"), "FO011" },
        { "user type named SupportAiRoutes", Route(string.Empty, Method) + "\npublic static class SupportAiRoutes { }", "FO012" },
        { "model id with a line break", Route(string.Empty, Method).Replace("\"openai/gpt-5-mini\"", "\"openai/gpt-5\\n-mini\""), "FO003" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void An_input_the_generator_cannot_implement_gets_an_FO_error_and_no_client(string input, string source, string id)
    {
        var run = GeneratorHarness.Run(source);

        Assert.True(run.DeclarationDiagnostics.Any(d => d.Id == id && d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource), $"{input}: expected {id}, got {run.DiagnosticsText()}");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_nested_Ai_ITagger_next_to_a_top_level_Ai_ITagger_gets_two_compiling_clients()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static class Ai
            {
                public interface ITagger
                {
                    [ModelRoute("openai/gpt-5-mini")]
                    [Prompt("Tag {text}")]
                    Task<string> TagAsync(string text);
                }
            }

            public interface Ai_ITagger
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("Tag {text}")]
                Task<string> TagAsync(string text);
            }
            """);

        Assert.Equal(2, run.Sources.Count);
        Assert.Equal(2, run.Sources.Select(static s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_catalog_price_of_1e30_is_a_catalog_error_and_the_generated_code_still_compiles()
    {
        const string catalog = """{ "models": [ { "id": "acme/huge", "contextWindow": 1000, "price": { "inputPerMillion": 1e30, "outputPerMillion": 1 } } ] }""";
        var source = Route(string.Empty, Method).Replace("\"openai/gpt-5-mini\"", "\"acme/huge\"");

        var run = GeneratorHarness.Run(GeneratorHarness.Compile(source), [new Text("/repo/models.json", catalog)]);

        Assert.Contains("new global::Failover.ModelTarget(\"acme/huge\")", run.Sources.Single().SourceText.ToString());
        Assert.Empty(run.CompilationErrors);
        var error = Assert.Single(CatalogParser.Parse(catalog, "models.json").Errors);
        Assert.Contains("1e30, more than the largest price Failover can carry", error.Message);
    }

    [Fact]
    public void A_catalog_price_is_embedded_as_written_without_a_double_round_trip()
    {
        const string catalog = """{ "models": [ { "id": "acme/exact", "contextWindow": 1000, "price": { "inputPerMillion": 0.1234567890123456789, "outputPerMillion": 79228162514264337593543950335 } } ] }""";
        var source = Route(string.Empty, Method).Replace("\"openai/gpt-5-mini\"", "\"acme/exact\"");

        var run = GeneratorHarness.Run(GeneratorHarness.Compile(source), [new Text("/repo/models.json", catalog)]);

        Assert.Contains("inputPricePerMillion: 0.1234567890123456789m, outputPricePerMillion: 79228162514264337593543950335m", run.Sources.Single().SourceText.ToString());
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_models_json_that_cannot_be_read_says_so()
    {
        var result = CatalogParser.Unreadable("/repo/models.json");

        var error = Assert.Single(result.Errors);
        Assert.Contains("could not be read", error.Message);
        Assert.DoesNotContain("empty", error.Message);
    }

    private sealed class Text(string path, string? text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => text is null ? null : SourceText.From(text);
    }
}
