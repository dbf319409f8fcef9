using System;
using System.IO;
using System.Threading.Tasks;
using Failover.Testing;

namespace Failover.Catalog.Tests;

/// <summary>The example in docs/catalog.md ("Example (against the simulator)") is what this run prints, verbatim.</summary>
public sealed class DocsExampleTests
{
    [Fact]
    public async Task The_catalog_docs_example_is_what_a_refresh_against_the_simulator_prints()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog("""
        {
          "models": [
            { "id": "openai/gpt-5", "contextWindow": 400000, "maxOutputTokens": 128000, "capabilities": ["tools", "json", "vision", "streaming"],
              "regions": ["us", "eu"], "price": { "inputPerMillion": 1.25, "outputPerMillion": 10 }, "tiers": ["reasoning", "general"] },
            { "id": "openai/gpt-5-mini", "contextWindow": 400000, "capabilities": ["tools", "json", "streaming"],
              "price": { "inputPerMillion": 0.2, "outputPerMillion": 1.5 }, "source": "user" },
            { "id": "anthropic/claude-sonnet-4-5", "contextWindow": 200000, "maxOutputTokens": 64000, "capabilities": ["tools", "json", "vision", "streaming"],
              "price": { "inputPerMillion": 3, "outputPerMillion": 15 } },
            { "id": "anthropic/claude-3-opus", "contextWindow": 200000, "capabilities": ["tools", "vision", "streaming"],
              "price": { "inputPerMillion": 15, "outputPerMillion": 75 }, "lifecycle": { "status": "deprecated", "date": "2027-01-05", "replacement": "anthropic/claude-sonnet-4-5" } },
            { "id": "google/gemini-2.5-pro", "contextWindow": 1048576, "maxOutputTokens": 65536, "capabilities": ["tools", "json", "vision", "streaming"],
              "price": { "inputPerMillion": 1.25, "outputPerMillion": 10 } }
          ]
        }
        """);
        run.Simulator.ModelList(SimulatedProvider.OpenAI).Add("gpt-5").Add("gpt-5-mini").Add("gpt-4o").Add("text-embedding-3-small");
        run.Simulator.ModelList(SimulatedProvider.Anthropic).Add(new SimulatedListedModel("claude-sonnet-4-5-20250929") { InputTokenLimit = 1000000, OutputTokenLimit = 64000, ImageInput = true, StructuredOutputs = true });
        run.Simulator.ModelList(SimulatedProvider.Gemini)
            .Add(new SimulatedListedModel("gemini-2.5-pro") { InputTokenLimit = 1048576, OutputTokenLimit = 65536 })
            .Add(new SimulatedListedModel("gemini-3-pro-preview") { InputTokenLimit = 1048576, OutputTokenLimit = 65536 });
        run.WritePrices("""
        {
          "gpt-5": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1.5e-06, "output_cost_per_token": 1.2e-05 },
          "gpt-5-mini": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-07, "output_cost_per_token": 2e-06 },
          "text-embedding-3-small": { "litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 2e-08 },
          "gemini/gemini-2.5-pro": { "litellm_provider": "gemini", "mode": "chat", "deprecation_date": "2027-06-17" },
          "gemini/gemini-3-pro-preview": { "litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 1.2e-05,
            "supports_function_calling": true, "supports_vision": true, "supports_response_schema": true }
        }
        """);
        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "catalog.md")).ReplaceLineEndings("\n");
        string directory = Path.GetDirectoryName(run.CatalogPath)! + Path.DirectorySeparatorChar;

        Assert.Equal(0, await run.RefreshAsync("openai,anthropic,gemini", "--litellm", run.PricesPath));
        string healthy = run.Output.Replace(directory, string.Empty, StringComparison.Ordinal).ReplaceLineEndings("\n");
        run.Simulator.ModelList(SimulatedProvider.Anthropic).Fault = ModelListFault.Truncated;
        byte[] before = File.ReadAllBytes(run.CatalogPath);
        Assert.Equal(1, await run.RefreshAsync("openai,anthropic,gemini", "--litellm", run.PricesPath));
        string failed = run.Error.Replace(directory, string.Empty, StringComparison.Ordinal).ReplaceLineEndings("\n");

        Assert.Contains(healthy, docs);
        Assert.Contains(failed, docs);
        Assert.Equal(before, File.ReadAllBytes(run.CatalogPath));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}
