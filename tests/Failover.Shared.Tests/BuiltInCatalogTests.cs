using System;
using System.Globalization;
using System.Linq;
using Xunit;

namespace Failover.CodeAnalysis.Catalog.Tests;

public class BuiltInCatalogTests
{
    [Fact]
    public void Loads_with_zero_errors_and_is_cached()
    {
        ModelCatalog catalog = BuiltInCatalog.Load();

        Assert.True(catalog.Errors.IsEmpty, string.Join("\n", catalog.Errors));
        Assert.Same(catalog, BuiltInCatalog.Load());
        Assert.Same(BuiltInCatalog.Parse(), BuiltInCatalog.Parse());
        Assert.True(catalog.Entries.Count >= 25);
    }

    [Fact]
    public void Every_entry_is_sound()
    {
        ModelCatalog catalog = BuiltInCatalog.Load();
        foreach (ModelEntry entry in catalog.Entries)
        {
            Assert.Contains(entry.Provider, KnownProviders.All);
            Assert.Equal(entry.Provider + "/" + entry.Name, entry.Id);
            Assert.True(entry.ContextWindow >= 8000, entry.Id);
            Assert.True(entry.MaxOutputTokens is null || entry.MaxOutputTokens <= entry.ContextWindow, entry.Id);
            Assert.True(entry.InputPerMillion >= 0 && entry.OutputPerMillion >= entry.InputPerMillion, entry.Id);
            Assert.True(entry.HasCapabilities(ModelCapabilities.Streaming), entry.Id);
            Assert.NotEmpty(entry.Regions);
            Assert.NotEmpty(entry.Tiers);
            Assert.All(entry.Tiers, t => Assert.Equal(t.ToLowerInvariant(), t));
            Assert.Equal("models.default.json", entry.Source.Path);
            if (entry.Lifecycle != ModelLifecycle.Active)
            {
                Assert.True(DateTime.TryParseExact(entry.LifecycleDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), entry.Id);
                ModelEntry replacement = catalog.Find(entry.Replacement!)!;
                Assert.True(replacement.IsActive, entry.Id + " -> " + entry.Replacement);
            }
        }
    }

    [Theory]
    [InlineData("openai/gpt-5", ModelLifecycle.Active)]
    [InlineData("openai/gpt-5-mini", ModelLifecycle.Active)]
    [InlineData("openai/gpt-5-nano", ModelLifecycle.Active)]
    [InlineData("openai/gpt-4.1", ModelLifecycle.Active)]
    [InlineData("openai/gpt-4.1-mini", ModelLifecycle.Active)]
    [InlineData("openai/o3", ModelLifecycle.Active)]
    [InlineData("openai/o4-mini", ModelLifecycle.Active)]
    [InlineData("openai/gpt-4o", ModelLifecycle.Disabled)]
    [InlineData("openai/gpt-4-turbo", ModelLifecycle.Disabled)]
    [InlineData("anthropic/claude-opus-4-1", ModelLifecycle.Active)]
    [InlineData("anthropic/claude-sonnet-4-5", ModelLifecycle.Active)]
    [InlineData("anthropic/claude-haiku-4-5", ModelLifecycle.Active)]
    [InlineData("anthropic/claude-3-5-haiku", ModelLifecycle.Disabled)]
    [InlineData("anthropic/claude-3-opus", ModelLifecycle.Disabled)]
    [InlineData("google/gemini-2.5-pro", ModelLifecycle.Active)]
    [InlineData("google/gemini-2.5-flash", ModelLifecycle.Active)]
    [InlineData("google/gemini-2.5-flash-lite", ModelLifecycle.Active)]
    [InlineData("google/gemini-2.0-flash", ModelLifecycle.Disabled)]
    [InlineData("mistral/mistral-large-latest", ModelLifecycle.Active)]
    [InlineData("mistral/mistral-small-latest", ModelLifecycle.Active)]
    public void Has_the_well_known_models(string id, object lifecycle)
    {
        Assert.Equal((ModelLifecycle)lifecycle, BuiltInCatalog.Load().Find(id)?.Lifecycle);
    }

    [Fact]
    public void Lifecycle_data_was_reviewed_on_2026_12_01_no_deprecation_date_has_passed_unnoticed()
    {
        // Reviewed against 2026-12-01: a "deprecated" entry whose date is on or before the review date would be judged
        // retired (FO109) by every build; the catalog must say "disabled" for those instead.
        foreach (ModelEntry entry in BuiltInCatalog.Load().Entries)
        {
            Assert.False(entry.IsRetiredOn("2026-12-01"), entry.Id + " is deprecated with a past date " + entry.LifecycleDate);
        }

        Assert.Equal("2026-10-01", BuiltInCatalog.Load().Find("openai/gpt-4o")!.LifecycleDate);
        Assert.Equal("2026-02-19", BuiltInCatalog.Load().Find("anthropic/claude-3-5-haiku")!.LifecycleDate);
        Assert.Equal("2026-02-05", BuiltInCatalog.Load().Find("google/gemini-2.0-flash")!.LifecycleDate);
    }

    [Fact]
    public void Every_built_in_model_has_a_class_and_local_models_are_local()
    {
        foreach (ModelEntry entry in BuiltInCatalog.Load().Entries)
        {
            Assert.NotEqual(ModelClass.Unknown, entry.Class);
            Assert.Equal(entry.Provider == "ollama", entry.Class == ModelClass.Local);
            Assert.Equal(entry.Class == ModelClass.Local, entry.IsLocal);
        }
    }

    [Theory]
    [InlineData("openai/gpt-5", ModelClass.Frontier)]
    [InlineData("openai/gpt-5-mini", ModelClass.Standard)]
    [InlineData("openai/gpt-5-nano", ModelClass.Small)]
    [InlineData("anthropic/claude-opus-4-1", ModelClass.Frontier)]
    [InlineData("anthropic/claude-haiku-4-5", ModelClass.Standard)]
    [InlineData("google/gemini-2.5-pro", ModelClass.Frontier)]
    [InlineData("google/gemini-2.5-flash-lite", ModelClass.Small)]
    [InlineData("ollama/qwen3:8b", ModelClass.Local)]
    public void Classes_of_well_known_models(string id, object expected)
    {
        Assert.Equal((ModelClass)expected, BuiltInCatalog.Load().Find(id)!.Class);
    }

    [Fact]
    public void Prefill_is_marked_for_anthropic_models_only()
    {
        foreach (ModelEntry entry in BuiltInCatalog.Load().Entries)
        {
            Assert.Equal(entry.Provider == "anthropic", entry.HasCapabilities(ModelCapabilities.Prefill));
        }
    }

    [Fact]
    public void Every_known_provider_has_an_active_model()
    {
        foreach (string provider in KnownProviders.All)
        {
            Assert.Contains(BuiltInCatalog.Load().GetByProvider(provider), e => e.IsActive);
        }
    }

    [Fact]
    public void Missing_resource_gives_an_empty_result_with_an_error()
    {
        CatalogParseResult result = BuiltInCatalog.Read(typeof(object).Assembly);

        Assert.Empty(result.Entries);
        CatalogError error = Assert.Single(result.Errors);
        Assert.StartsWith("the built-in model catalog is missing: assembly 'System.Private.CoreLib' has no resource 'Failover.models.default.json'", error.Message);
        Assert.Empty(ModelCatalog.Create(result).Entries);
    }

    [Fact]
    public void Capability_values_are_the_runtime_contract()
    {
        Assert.Equal(0, (int)ModelCapabilities.None);
        Assert.Equal(1, (int)ModelCapabilities.Tools);
        Assert.Equal(2, (int)ModelCapabilities.Json);
        Assert.Equal(4, (int)ModelCapabilities.Vision);
        Assert.Equal(8, (int)ModelCapabilities.Streaming);
        Assert.Equal(16, (int)ModelCapabilities.Prefill);
        Assert.Equal("tools, vision", CatalogNames.Format(ModelCapabilities.Tools | ModelCapabilities.Vision));
        Assert.Equal("deprecated", CatalogNames.Format(ModelLifecycle.Deprecated));
    }
}
