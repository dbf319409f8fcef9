using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Failover.Generator.Tests;

public sealed class CatalogEmbeddingTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Failover;

        namespace Acme;

        public interface IAcmeAi
        {
            [ModelRoute("acme/model-x")]
            [Fallback("openai/gpt-5-mini")]
            [Fallback("unknown/not-in-catalog")]
            [Prompt("Hi {name}")]
            Task<string> GreetAsync(string name);
        }
        """;

    [Fact]
    public void A_user_models_json_adds_and_overrides_what_the_route_table_embeds()
    {
        const string userCatalog = """
            { "models": [
              { "id": "acme/model-x", "contextWindow": 32000, "price": { "inputPerMillion": 0.5, "outputPerMillion": 1.5 } },
              { "id": "openai/gpt-5-mini", "contextWindow": 123456, "price": { "inputPerMillion": 9, "outputPerMillion": 10 } }
            ] }
            """;

        var run = GeneratorHarness.Run(GeneratorHarness.Compile(Source), [new InMemoryText("/repo/models.json", userCatalog)]);
        var text = run.Sources.Single().SourceText.ToString();

        Assert.Contains("new global::Failover.ModelTarget(\"acme/model-x\", contextWindow: 32000, inputPricePerMillion: 0.5m, outputPricePerMillion: 1.5m)", text);
        Assert.Contains("new global::Failover.ModelTarget(\"openai/gpt-5-mini\", contextWindow: 123456, inputPricePerMillion: 9m, outputPricePerMillion: 10m)", text);
        Assert.Contains("new global::Failover.ModelTarget(\"unknown/not-in-catalog\")", text);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void An_invalid_models_json_leaves_the_built_in_catalog_in_force_and_never_breaks_generation()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(Source), [new InMemoryText("/repo/models.json", "{ \"models\": [ { \"id\": ")]);
        var text = run.Sources.Single().SourceText.ToString();

        Assert.Contains("new global::Failover.ModelTarget(\"openai/gpt-5-mini\", contextWindow: 400000", text);
        Assert.DoesNotContain(run.DeclarationDiagnostics, static d => d.Id is "CS8785" or "AD0001");
    }

    [Fact]
    public void Other_additional_files_are_ignored()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(Source), [new InMemoryText("/repo/appsettings.json", "{ not json")]);
        Assert.Single(run.Sources);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
