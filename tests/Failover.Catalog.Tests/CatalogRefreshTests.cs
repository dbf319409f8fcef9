using System.IO;
using System.Threading.Tasks;
using Failover.Testing;

namespace Failover.Catalog.Tests;

/// <summary>The refresh command against the simulator's model lists over real HTTP.</summary>
public sealed class CatalogRefreshTests
{
    private const string Catalog = """
        {
          // Team catalog: overrides and additions to the built-in models.
          "models": [
            {
              "id": "openai/gpt-5",
              "contextWindow": 400000,
              "maxOutputTokens": 128000,
              "capabilities": ["tools", "json", "vision", "streaming"],
              "regions": ["us", "eu"],
              "price": { "inputPerMillion": 1.25, "outputPerMillion": 10 },
              "tiers": ["reasoning", "general"],
              "class": "frontier",
              "lifecycle": { "status": "active" }
            },
            {
              "id": "openai/gpt-5-mini",
              "contextWindow": 400000,
              "capabilities": ["tools", "json", "streaming"],
              "price": { "inputPerMillion": 0.2, "outputPerMillion": 1.5 },
              "tiers": ["classification"],
              "source": "user"
            },
            {
              "id": "anthropic/claude-sonnet-4-5",
              "contextWindow": 200000,
              "maxOutputTokens": 64000,
              "capabilities": ["tools", "json", "vision", "streaming"],
              "regions": ["us"],
              "price": { "inputPerMillion": 3, "outputPerMillion": 15 },
              "lifecycle": { "status": "active" }
            },
            {
              "id": "anthropic/claude-3-opus",
              "contextWindow": 200000,
              "capabilities": ["tools", "vision", "streaming"],
              "price": { "inputPerMillion": 15, "outputPerMillion": 75 },
              "lifecycle": { "status": "deprecated", "date": "2027-01-05", "replacement": "anthropic/claude-sonnet-4-5" }
            },
            {
              "id": "google/gemini-2.5-pro",
              "contextWindow": 1048576,
              "maxOutputTokens": 65536,
              "capabilities": ["tools", "json", "vision", "streaming"],
              "price": { "inputPerMillion": 1.25, "outputPerMillion": 10 }
            }
          ]
        }
        """;

    [Fact]
    public async Task A_model_the_provider_now_lists_is_added_with_the_price_files_figures()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.Simulator.ModelList(SimulatedProvider.Gemini)
            .Add(new SimulatedListedModel("gemini-2.5-pro") { InputTokenLimit = 1048576, OutputTokenLimit = 65536 })
            .Add(new SimulatedListedModel("gemini-3-pro-preview") { InputTokenLimit = 2097152, OutputTokenLimit = 65536 })
            .Add(new SimulatedListedModel("gemini-3-flash-preview") { InputTokenLimit = 1048576 })
            .Add(new SimulatedListedModel("text-embedding-005") { InputTokenLimit = 2048, SupportedGenerationMethods = ["embedContent"] });
        run.WritePrices("""
            {
              "sample_spec": { "max_input_tokens": "max input tokens, if the provider specifies it" },
              "gemini/gemini-3-pro-preview": { "litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 1.2e-05,
                "supports_function_calling": true, "supports_vision": true, "supports_response_schema": true, "supports_web_search": true, "tpm": 800000 }
            }
            """);

        Assert.Equal(0, await run.RefreshAsync("gemini", "--litellm", run.PricesPath));

        string written = run.ReadCatalog();
        Assert.Contains("\"id\": \"google/gemini-3-pro-preview\",\n      \"contextWindow\": 2097152,\n      \"maxOutputTokens\": 65536,\n      \"capabilities\": [\"tools\", \"json\", \"vision\", \"streaming\"],\n      \"price\": { \"inputPerMillion\": 2, \"outputPerMillion\": 12 }", written);
        Assert.Contains("new           google/gemini-3-pro-preview  2,097,152 tokens, $2 / $12, tools, json, vision, streaming", run.Output);
        // Listed but with no price anywhere: reported, not invented.
        Assert.DoesNotContain("gemini-3-flash-preview", written);
        Assert.Contains("not added", run.Output);
        Assert.Contains("gemini-3-flash-preview", run.Output);
        // Not a chat model.
        Assert.DoesNotContain("text-embedding-005", run.Output + written);
        // The team's header comment and the untouched entries survive.
        Assert.Contains("// Team catalog: overrides and additions to the built-in models.", written);
        Assert.Contains("\"tiers\": [\"reasoning\", \"general\"]", written);
    }

    [Fact]
    public async Task A_deprecation_date_from_the_price_file_deprecates_the_model()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.WritePrices("""
            { "claude-sonnet-4-5": { "litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "deprecation_date": "2027-03-01" } }
            """);

        Assert.Equal(0, await run.RefreshAsync(string.Empty, "--litellm", run.PricesPath));

        Assert.Contains("\"lifecycle\": { \"status\": \"deprecated\", \"date\": \"2027-03-01\" }", run.ReadCatalog());
        Assert.Contains("deprecated    anthropic/claude-sonnet-4-5  stops on 2027-03-01", run.Output);
        Assert.DoesNotContain("price ", run.Output);
    }

    [Fact]
    public async Task A_model_no_longer_listed_is_retired_and_dated_snapshots_count_as_their_alias()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        var list = run.Simulator.ModelList(SimulatedProvider.Anthropic);
        list.PageSize = 1; // every model on its own page: the refresh must follow has_more / last_id
        list.Add(new SimulatedListedModel("claude-opus-4-5-20251101") { DisplayName = "Claude Opus 4.5" })
            .Add(new SimulatedListedModel("claude-sonnet-4-5-20250929") { InputTokenLimit = 1000000, OutputTokenLimit = 64000, ImageInput = true, StructuredOutputs = true })
            .Add(new SimulatedListedModel("claude-3-opus-20240229"));
        list.Remove("claude-3-opus-20240229");

        Assert.Equal(0, await run.RefreshAsync("anthropic"));

        string written = run.ReadCatalog();
        Assert.Contains("\"lifecycle\": { \"status\": \"disabled\", \"date\": \"2026-12-01\", \"replacement\": \"anthropic/claude-sonnet-4-5\" }", written);
        Assert.Contains("retired       anthropic/claude-3-opus  no longer listed by anthropic; disabled as of 2026-12-01; move to anthropic/claude-sonnet-4-5", run.Output);
        Assert.Contains("window        anthropic/claude-sonnet-4-5  200,000 -> 1,000,000 tokens", run.Output);
        Assert.Contains("anthropic: 2 models listed (2 pages)", run.Output);
        Assert.Equal(2, run.Simulator.RequestCount(SimulatorEndpoint.AnthropicModels));
        // Providers not refreshed are not judged: the OpenAI and Gemini entries stay active.
        Assert.DoesNotContain("openai/", run.Output);
    }

    [Fact]
    public async Task A_price_move_in_the_price_file_is_written_and_reported()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.Simulator.ModelList(SimulatedProvider.OpenAI).Add("gpt-5").Add("gpt-5-mini");
        run.WritePrices("""
            {
              "gpt-5": { "litellm_provider": "openai", "mode": "chat", "max_input_tokens": 400000, "max_output_tokens": 128000,
                         "input_cost_per_token": 1.5e-06, "output_cost_per_token": 1.2e-05, "supports_function_calling": true,
                         "supports_vision": true, "supports_response_schema": true, "cache_read_input_token_cost": 1.25e-07 }
            }
            """);

        Assert.Equal(0, await run.RefreshAsync("openai", "--litellm", run.PricesPath));

        Assert.Contains("\"price\": { \"inputPerMillion\": 1.5, \"outputPerMillion\": 12 },\n      \"tiers\": [\"reasoning\", \"general\"],\n      \"class\": \"frontier\",", run.ReadCatalog());
        Assert.Contains("price         openai/gpt-5  $1.25 / $10 -> $1.5 / $12 per 1M tokens", run.Output);
        Assert.Contains("Wrote ", run.Output);
    }

    [Fact]
    public async Task A_user_entry_is_kept_and_the_report_says_what_the_refresh_would_have_set()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.Simulator.ModelList(SimulatedProvider.OpenAI).Add("gpt-5");
        run.WritePrices("""
            { "gpt-5-mini": { "litellm_provider": "openai", "input_cost_per_token": 2.5e-07, "output_cost_per_token": 2e-06, "supports_vision": true } }
            """);

        Assert.Equal(0, await run.RefreshAsync("openai", "--litellm", run.PricesPath));

        string written = run.ReadCatalog();
        // gpt-5-mini is not listed and has other prices, but the user owns it: every field as the user wrote it.
        Assert.Contains("\"id\": \"openai/gpt-5-mini\",\n      \"contextWindow\": 400000,\n      \"capabilities\": [\"tools\", \"json\", \"streaming\"],\n      \"price\": { \"inputPerMillion\": 0.2, \"outputPerMillion\": 1.5 },\n      \"tiers\": [\"classification\"],\n      \"source\": \"user\"", written);
        Assert.Contains("kept (user)   openai/gpt-5-mini  source: user; the refresh would set price: $0.2 / $1.5 -> $0.25 / $2 per 1M tokens", run.Output);
        Assert.Contains("kept (user)   openai/gpt-5-mini  source: user; the refresh would set retired: no longer listed by openai", run.Output);
        // Fields the refresh does not produce are kept on refreshed entries too.
        Assert.Contains("\"regions\": [\"us\", \"eu\"]", written);
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, ModelListFault.Garbage, "openai: the model list response is HTML, not JSON")]
    [InlineData(SimulatedProvider.Anthropic, ModelListFault.Truncated, "anthropic: the model list response is not valid JSON, or is cut off")]
    [InlineData(SimulatedProvider.Gemini, ModelListFault.WrongShape, "gemini: the model list response has no 'models' array")]
    public async Task A_garbage_or_partial_list_fails_naming_the_provider_and_leaves_the_file_untouched(SimulatedProvider provider, ModelListFault fault, string expected)
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.Simulator.ModelList(SimulatedProvider.OpenAI).Add("gpt-5");
        run.Simulator.ModelList(SimulatedProvider.Anthropic).Add("claude-sonnet-4-5");
        run.Simulator.ModelList(SimulatedProvider.Gemini).Add("gemini-2.5-pro");
        run.Simulator.ModelList(provider).Fault = fault;
        byte[] before = File.ReadAllBytes(run.CatalogPath);
        var stamp = File.GetLastWriteTimeUtc(run.CatalogPath);

        Assert.Equal(1, await run.RefreshAsync("openai,anthropic,gemini"));

        Assert.Contains("refresh failed: " + expected, run.Error);
        Assert.Contains("was not changed", run.Error);
        Assert.Equal(before, File.ReadAllBytes(run.CatalogPath));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(run.CatalogPath));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(run.CatalogPath)!)); // no temporary file left behind
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task An_empty_list_is_refused_rather_than_retiring_every_model()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.Simulator.ModelList(SimulatedProvider.Gemini).Clear();
        byte[] before = File.ReadAllBytes(run.CatalogPath);

        Assert.Equal(1, await run.RefreshAsync("gemini"));

        Assert.Contains("gemini: the model list is empty; refusing to retire every google model", run.Error);
        Assert.Equal(before, File.ReadAllBytes(run.CatalogPath));
    }

    [Fact]
    public async Task A_garbage_price_file_fails_naming_it_and_leaves_the_file_untouched()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.WritePrices("{ \"gpt-5\": { \"litellm_provider\": \"openai\", \"input_cost_per_token\": 1e-06 ");
        byte[] before = File.ReadAllBytes(run.CatalogPath);

        Assert.Equal(1, await run.RefreshAsync(string.Empty, "--litellm", run.PricesPath));

        Assert.Contains("refresh failed: litellm: the price file '" + run.PricesPath + "' is not valid JSON", run.Error);
        Assert.Equal(before, File.ReadAllBytes(run.CatalogPath));
    }

    [Fact]
    public async Task Unknown_and_wrongly_typed_price_fields_are_ignored_not_errors()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.WritePrices("""
            {
              "gpt-5": { "litellm_provider": "openai", "input_cost_per_token": "cheap", "output_cost_per_token": 1.1e-05, "brand_new_field": { "x": 1 } },
              "bedrock/some-model": { "litellm_provider": "bedrock", "input_cost_per_token": 1e-06 }
            }
            """);

        Assert.Equal(0, await run.RefreshAsync(string.Empty, "--litellm", run.PricesPath));

        Assert.Contains("litellm: 1 model read from prices.json (1 field(s) of the wrong type ignored)", run.Output);
        Assert.Contains("price         openai/gpt-5  $1.25 / $10 -> $1.25 / $11 per 1M tokens", run.Output);
    }

    [Fact]
    public async Task The_api_keys_never_reach_the_output_on_success_or_failure()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.Simulator.ModelList(SimulatedProvider.OpenAI).Add("gpt-5");
        run.Simulator.ModelList(SimulatedProvider.Anthropic).Add("claude-sonnet-4-5");
        run.Simulator.ModelList(SimulatedProvider.Gemini).Add("gemini-2.5-pro");

        Assert.Equal(0, await run.RefreshAsync("openai,anthropic,gemini", "--dry-run"));
        string success = run.Output + run.Error;
        run.Simulator.ModelList(SimulatedProvider.Gemini).Fault = ModelListFault.Truncated;
        Assert.Equal(1, await run.RefreshAsync("openai,anthropic,gemini"));
        string failure = run.Output + run.Error;

        Assert.Contains("Dry run", success);
        Assert.Contains("gemini:", failure);
        foreach (string key in new[] { RefreshRun.OpenAIKey, RefreshRun.AnthropicKey, RefreshRun.GeminiKey })
        {
            Assert.DoesNotContain(key, success);
            Assert.DoesNotContain(key, failure);
            Assert.DoesNotContain(key[..12], success + failure);
        }

        // The keys did travel: each list endpoint answered (the simulator rejects requests without one).
        Assert.Equal(2, run.Simulator.RequestCount(SimulatorEndpoint.GeminiModels));
    }

    [Fact]
    public async Task A_dry_run_reports_but_does_not_write()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.Simulator.ModelList(SimulatedProvider.Gemini).Add(new SimulatedListedModel("gemini-2.5-pro") { InputTokenLimit = 2097152 });
        byte[] before = File.ReadAllBytes(run.CatalogPath);

        Assert.Equal(0, await run.RefreshAsync("gemini", "--dry-run"));

        Assert.Contains("window        google/gemini-2.5-pro  1,048,576 -> 2,097,152 tokens", run.Output);
        Assert.Contains("Dry run: " + run.CatalogPath + " not written.", run.Output);
        Assert.Equal(before, File.ReadAllBytes(run.CatalogPath));
    }

    [Fact]
    public async Task A_catalog_with_errors_is_not_refreshed()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog("""{ "models": [ { "id": "openai/gpt-5", "contextWindow": -1, "price": { "inputPerMillion": 1, "outputPerMillion": 2 } } ] }""");
        run.Simulator.ModelList(SimulatedProvider.OpenAI).Add("gpt-5");
        byte[] before = File.ReadAllBytes(run.CatalogPath);

        Assert.Equal(1, await run.RefreshAsync("openai"));

        Assert.Contains("the catalog has 1 error(s); fix them and refresh again", run.Error);
        Assert.Contains("non-positive context window", run.Error);
        Assert.Equal(before, File.ReadAllBytes(run.CatalogPath));
    }

    [Fact]
    public async Task A_second_refresh_with_the_same_lists_changes_nothing()
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        run.Simulator.ModelList(SimulatedProvider.Anthropic).Add("claude-sonnet-4-5-20250929");
        Assert.Equal(0, await run.RefreshAsync("anthropic"));
        string first = run.ReadCatalog();

        Assert.Equal(0, await run.RefreshAsync("anthropic"));

        Assert.Equal(first, run.ReadCatalog());
        Assert.Contains("No changes.", run.Output);
    }

    [Theory]
    [InlineData("", "nothing to refresh from")]
    [InlineData("mistral", "unknown provider 'mistral' in --providers")]
    public async Task Usage_errors_exit_2_and_touch_nothing(string providers, string expected)
    {
        await using var run = await RefreshRun.StartAsync();
        run.WriteCatalog(Catalog);
        byte[] before = File.ReadAllBytes(run.CatalogPath);

        Assert.Equal(2, await run.RefreshAsync(providers));

        Assert.Contains(expected, run.Error);
        Assert.Equal(before, File.ReadAllBytes(run.CatalogPath));
        Assert.Equal(0, run.Simulator.TotalRequestCount);
    }
}
