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
    [InlineData("openai/gpt-4o", ModelLifecycle.Deprecated)]
    [InlineData("openai/gpt-4-turbo", ModelLifecycle.Disabled)]
    [InlineData("anthropic/claude-opus-4-1", ModelLifecycle.Active)]
    [InlineData("anthropic/claude-sonnet-4-5", ModelLifecycle.Active)]
    [InlineData("anthropic/claude-haiku-4-5", ModelLifecycle.Active)]
    [InlineData("anthropic/claude-3-5-haiku", ModelLifecycle.Deprecated)]
    [InlineData("anthropic/claude-3-opus", ModelLifecycle.Disabled)]
    [InlineData("google/gemini-2.5-pro", ModelLifecycle.Active)]
    [InlineData("google/gemini-2.5-flash", ModelLifecycle.Active)]
    [InlineData("google/gemini-2.5-flash-lite", ModelLifecycle.Active)]
    [InlineData("google/gemini-2.0-flash", ModelLifecycle.Deprecated)]
    [InlineData("mistral/mistral-large-latest", ModelLifecycle.Active)]
    [InlineData("mistral/mistral-small-latest", ModelLifecycle.Active)]
    public void Has_the_well_known_models(string id, object lifecycle)
    {
        Assert.Equal((ModelLifecycle)lifecycle, BuiltInCatalog.Load().Find(id)?.Lifecycle);
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
        Assert.Equal("tools, vision", CatalogNames.Format(ModelCapabilities.Tools | ModelCapabilities.Vision));
        Assert.Equal("deprecated", CatalogNames.Format(ModelLifecycle.Deprecated));
    }
}
