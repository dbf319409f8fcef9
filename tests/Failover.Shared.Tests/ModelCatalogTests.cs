using System.Linq;
using Xunit;

namespace Failover.CodeAnalysis.Catalog.Tests;

public class ModelCatalogTests
{
    private static readonly ModelCatalog Small = ModelCatalog.Create(CatalogParser.Parse(CatalogText.Document(
        Model("openai/p", 128000, "[\"tools\",\"json\"]", "[\"us\"]", 1, 4, "[\"general\"]"),
        Model("openai/p2", 128000, "[\"tools\",\"json\",\"vision\"]", "[\"us\",\"eu\"]", 1, 4, "[\"general\"]"),
        Model("anthropic/a", 200000, "[\"tools\",\"json\"]", "[\"us\"]", 1, 5, "[\"general\"]"),
        Model("google/g", 1000000, "[\"tools\",\"json\",\"vision\"]", "[\"us\",\"eu\"]", 0.1, 0.4, "[\"classification\"]"),
        Model("mistral/m", 128000, "[\"tools\"]", "[\"eu\"]", 1, 4, "[\"general\"]"),
        Model("groq/d", 128000, "[\"tools\",\"json\"]", "[\"us\"]", 1, 4, "[\"general\"]", "{ \"status\": \"deprecated\", \"date\": \"2026-01-01\" }"),
        Model("ollama/off", 128000, "[\"tools\",\"json\"]", "[\"us\"]", 1, 4, "[\"general\"]", "{ \"status\": \"disabled\" }")), "small.json"));

    [Fact]
    public void Looks_up_ids_case_insensitively()
    {
        Assert.True(Small.Errors.IsEmpty, string.Join("\n", Small.Errors));
        Assert.Equal("anthropic/a", Small.Find("Anthropic/A")!.Id);
        Assert.True(Small.Contains("GOOGLE/g"));
        Assert.True(Small.TryGet("openai/P2", out ModelEntry entry));
        Assert.Equal("openai/p2", entry.Id);
        Assert.False(Small.Contains("openai/none"));
        Assert.Null(Small.Find("openai/none"));
        Assert.Equal(new[] { "openai/p", "openai/p2" }, Small.GetByProvider("OpenAI").Select(e => e.Id));
        Assert.Equal(new[] { "anthropic", "google", "groq", "mistral", "ollama", "openai" }, Small.Providers);
        Assert.Equal(Small.Entries.Select(e => e.Id).OrderBy(id => id, System.StringComparer.OrdinalIgnoreCase), Small.Entries.Select(e => e.Id));
    }

    [Fact]
    public void User_entry_overrides_the_built_in_one_and_new_entries_are_added()
    {
        CatalogParseResult user = CatalogParser.Parse(CatalogText.Document(
            CatalogText.Valid("OpenAI/GPT-5", ", \"tiers\": [\"custom\"]"),
            CatalogText.Valid("acme/house-model")), "models.json");

        ModelCatalog catalog = ModelCatalog.Create(BuiltInCatalog.Parse(), new[] { user });

        Assert.True(catalog.Errors.IsEmpty, string.Join("\n", catalog.Errors));
        ModelEntry gpt5 = catalog.Find("openai/gpt-5")!;
        Assert.Equal(1000, gpt5.ContextWindow);
        Assert.Equal(new[] { "custom" }, gpt5.Tiers);
        Assert.Equal("models.json", gpt5.Source.Path);
        Assert.Equal(1, catalog.Entries.Count(e => e.Id.Equals("openai/gpt-5", System.StringComparison.OrdinalIgnoreCase)));
        Assert.True(catalog.Contains("acme/house-model"));
        Assert.Equal(BuiltInCatalog.Load().Entries.Count + 1, catalog.Entries.Count);
        Assert.Equal(BuiltInCatalog.Load().Find("openai/gpt-5-mini"), catalog.Find("openai/gpt-5-mini"));
    }

    [Fact]
    public void Same_id_in_two_user_files_is_an_error_and_the_first_is_kept()
    {
        CatalogParseResult first = CatalogParser.Parse(CatalogText.Document(CatalogText.Valid("acme/x")), "a.json");
        CatalogParseResult second = CatalogParser.Parse(CatalogText.Document(CatalogText.Valid("openai/y"), CatalogText.Valid("ACME/x", ", \"tiers\": [\"t\"]")), "b.json");

        ModelCatalog catalog = ModelCatalog.Create(CatalogParser.Parse("{ \"models\": [] }", "builtin.json"), new[] { first, second });

        CatalogError error = Assert.Single(catalog.Errors);
        Assert.Equal("model 'ACME/x' is also defined in 'a.json' (line 3); define each model in one catalog file only", error.Message);
        Assert.Equal(("b.json", 4, 5), (error.Path, error.Line, error.Column));
        Assert.Equal("a.json", catalog.Find("acme/x")!.Source.Path);
        Assert.True(catalog.Contains("openai/y"));
    }

    [Fact]
    public void Replacement_must_be_in_the_merged_catalog()
    {
        CatalogParseResult user = CatalogParser.Parse(CatalogText.Document(
            CatalogText.Valid("acme/old", ", \"lifecycle\": { \"status\": \"disabled\", \"replacement\": \"acme/new\" }"),
            CatalogText.Valid("acme/older", ", \"lifecycle\": { \"status\": \"disabled\", \"replacement\": \"openai/gpt-5\" }")), "m.json");

        ModelCatalog catalog = BuiltInCatalog.Load(new[] { user });

        CatalogError error = Assert.Single(catalog.Errors);
        Assert.Equal("model 'acme/old' names replacement 'acme/new', which is not in the model catalog; use the id of a catalog model or remove 'replacement'", error.Message);
        Assert.Equal(("m.json", 3, 5), (error.Path, error.Line, error.Column));
        Assert.True(catalog.Contains("acme/old"));
    }

    [Fact]
    public void Catalogs_with_the_same_content_are_equal()
    {
        Assert.Equal(BuiltInCatalog.Load(), ModelCatalog.Create(BuiltInCatalog.Parse()));
        Assert.Equal(BuiltInCatalog.Load().GetHashCode(), ModelCatalog.Create(BuiltInCatalog.Parse()).GetHashCode());
        Assert.NotEqual(BuiltInCatalog.Load(), Small);
        Assert.Empty(ModelCatalog.Empty.Entries);
    }

    [Theory]
    [InlineData("openai/gpt-5-mni", "openai/gpt-5-mini")]
    [InlineData("openai/gtp-5", "openai/gpt-5")]
    [InlineData("gpt-5-mini", "openai/gpt-5-mini")]
    [InlineData("GPT-4.1", "openai/gpt-4.1")]
    [InlineData("claude-sonet-4-5", "anthropic/claude-sonnet-4-5")]
    [InlineData("anthropic/gpt-5", "openai/gpt-5")]
    [InlineData("anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4-5")]
    [InlineData("google/gemini-2.5-flsh", "google/gemini-2.5-flash")]
    [InlineData(" openai/gpt-5 ", "openai/gpt-5")]
    public void Suggests_the_closest_id(string unknown, string expected)
    {
        Assert.Equal(expected, BuiltInCatalog.Load().SuggestId(unknown));
    }

    [Theory]
    [InlineData("acme/totally-different")]
    [InlineData("llama-99-ultra")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("openai/gpt-5")]
    [InlineData("OPENAI/GPT-5")]
    public void Suggests_nothing_for_far_off_or_known_ids(string id)
    {
        Assert.Null(BuiltInCatalog.Load().SuggestId(id));
    }

    [Fact]
    public void Fallback_prefers_another_provider_with_the_same_tier()
    {
        Assert.Equal("anthropic/a", FallbackSuggester.Suggest(Small, "openai/p", ModelCapabilities.Tools | ModelCapabilities.Json)!.Id);
    }

    [Fact]
    public void Fallback_honours_capabilities_region_window_tier_and_exclusions()
    {
        ModelCapabilities toolsJson = ModelCapabilities.Tools | ModelCapabilities.Json;
        Assert.Equal("google/g", FallbackSuggester.Suggest(Small, "openai/p", toolsJson, region: "EU")!.Id);
        // The primary's own capabilities (tools, json) come before the tier: mistral/m suits the tier but has no json.
        Assert.Equal("google/g", FallbackSuggester.Suggest(Small, "openai/p", ModelCapabilities.Tools, region: "eu")!.Id);
        Assert.Equal("mistral/m", FallbackSuggester.Suggest(Small, "openai/p", ModelCapabilities.Tools, region: "eu", excludeIds: new[] { "google/g" })!.Id);
        Assert.Equal("google/g", FallbackSuggester.Suggest(Small, "openai/p", toolsJson, minContextWindow: 500000)!.Id);
        Assert.Equal("google/g", FallbackSuggester.Suggest(Small, "openai/p", toolsJson, tier: "classification")!.Id);
        Assert.Equal("google/g", FallbackSuggester.Suggest(Small, "openai/p", toolsJson, excludeIds: new[] { "ANTHROPIC/a" })!.Id);
        Assert.Equal("google/g", FallbackSuggester.Suggest(Small, "openai/p", ModelCapabilities.Vision)!.Id);
    }

    [Fact]
    public void Fallback_is_null_when_nothing_fits_and_never_deprecated_disabled_or_same_provider()
    {
        ModelCapabilities toolsJson = ModelCapabilities.Tools | ModelCapabilities.Json;
        Assert.Null(FallbackSuggester.Suggest(Small, "openai/p", toolsJson, excludeIds: new[] { "anthropic/a", "google/g" }));
        Assert.Null(FallbackSuggester.Suggest(Small, "openai/p", ModelCapabilities.Vision, minContextWindow: 2000000));
        Assert.Null(FallbackSuggester.Suggest(Small, "openai/p", ModelCapabilities.Vision, region: "asia"));
        Assert.Null(FallbackSuggester.Suggest(Small, "google/g", ModelCapabilities.Vision, excludeIds: new[] { "openai/p2" }));
        Assert.Equal("openai/p2", FallbackSuggester.Suggest(Small, "google/g", ModelCapabilities.Vision)!.Id);
        Assert.Equal("google/g", FallbackSuggester.Suggest(Small, "openai/p2", ModelCapabilities.Vision)!.Id);
    }

    [Fact]
    public void Fallback_prefers_the_closest_price_then_the_id()
    {
        ModelCatalog catalog = ModelCatalog.Create(CatalogParser.Parse(CatalogText.Document(
            Model("openai/p", 1000, "[]", "[]", 1, 4, "[\"general\"]"),
            Model("anthropic/a", 1000, "[]", "[]", 1, 5, "[\"general\"]"),
            Model("together/cheap", 1000, "[]", "[]", 0.9, 4, "[\"general\"]"),
            Model("google/far", 1000, "[]", "[]", 1, 4, "[\"other\"]")), "m.json"));
        Assert.Equal("together/cheap", FallbackSuggester.Suggest(catalog, "openai/p")!.Id);

        ModelCatalog tied = ModelCatalog.Create(CatalogParser.Parse(CatalogText.Document(
            Model("openai/p", 1000, "[]", "[]", 1, 4, "[]"),
            Model("zeta/x", 1000, "[]", "[]", 2, 4, "[]"),
            Model("alpha/x", 1000, "[]", "[]", 2, 4, "[]")), "m.json"));
        Assert.Equal("alpha/x", FallbackSuggester.Suggest(tied, "openai/p")!.Id);
    }

    [Fact]
    public void Fallback_from_the_built_in_catalog_is_active_and_diverse()
    {
        ModelCatalog catalog = BuiltInCatalog.Load();
        ModelEntry fallback = FallbackSuggester.Suggest(catalog, "openai/gpt-5-mini", ModelCapabilities.Tools | ModelCapabilities.Json | ModelCapabilities.Vision, 128000, "us")!;

        Assert.NotEqual("openai", fallback.Provider);
        Assert.True(fallback.IsActive);
        Assert.True(fallback.HasTier("classification") || fallback.HasTier("extraction") || fallback.HasTier("general"));

        ModelEntry forUnknown = FallbackSuggester.Suggest(catalog, "acme/unknown", ModelCapabilities.Tools)!;
        Assert.NotEqual("acme", forUnknown.Provider);
    }

    [Fact]
    public void Price_only_breaks_ties_the_primary_capabilities_and_tier_come_first()
    {
        ModelCatalog catalog = ModelCatalog.Create(CatalogParser.Parse(CatalogText.Document(
            Model("openai/p", 1000, "[\"tools\", \"vision\"]", "[]", 1, 4, "[\"general\"]"),
            Model("cheap/same-price-no-vision", 1000, "[\"tools\"]", "[]", 1, 4, "[\"general\"]"),
            Model("pricey/with-both", 1000, "[\"tools\", \"vision\"]", "[]", 10, 40, "[\"general\"]")), "m.json"));
        Assert.Equal("pricey/with-both", FallbackSuggester.Suggest(catalog, "openai/p")!.Id);
    }

    [Fact]
    public void A_hosted_primary_is_offered_a_local_model_only_when_no_hosted_one_fits()
    {
        ModelCatalog catalog = ModelCatalog.Create(CatalogParser.Parse(CatalogText.Document(
            Model("openai/p", 1000, "[]", "[\"us\"]", 0.01, 0.01, "[\"general\"]"),
            Model("ollama/free", 1000, "[]", "[\"local\"]", 0, 0, "[\"general\"]"),
            Model("beta/hosted", 1000, "[]", "[\"us\"]", 5, 20, "[\"other\"]")), "m.json"));
        Assert.Equal("beta/hosted", FallbackSuggester.Suggest(catalog, "openai/p")!.Id);
        Assert.Equal("ollama/free", FallbackSuggester.Suggest(catalog, "openai/p", excludeIds: new[] { "beta/hosted" })!.Id);
    }

    [Fact]
    public void Retired_models_are_never_suggested()
    {
        ModelCatalog catalog = ModelCatalog.Create(CatalogParser.Parse(CatalogText.Document(
            Model("openai/p", 1000, "[]", "[]", 1, 4, "[]"),
            Model("beta/retiring", 1000, "[]", "[]", 1, 4, "[]", "{ \"status\": \"deprecated\", \"date\": \"2027-01-01\" }"),
            Model("gamma/far", 1000, "[]", "[]", 9, 40, "[]")), "m.json"));
        Assert.Equal("gamma/far", FallbackSuggester.Suggest(catalog, "openai/p", catalogDate: "2027-01-01")!.Id);
        Assert.Equal("gamma/far", FallbackSuggester.Suggest(catalog, "openai/p", catalogDate: "2026-12-01")!.Id); // deprecated is not active either
    }

    private static string Model(string id, int window, string capabilities, string regions, double input, double output, string tiers, string? lifecycle = null) =>
        "{ \"id\": \"" + id + "\", \"contextWindow\": " + window + ", \"capabilities\": " + capabilities + ", \"regions\": " + regions
        + ", \"price\": { \"inputPerMillion\": " + input.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ", \"outputPerMillion\": " + output.ToString(System.Globalization.CultureInfo.InvariantCulture) + " }, \"tiers\": " + tiers
        + (lifecycle is null ? string.Empty : ", \"lifecycle\": " + lifecycle) + " }";
}
