using System.Collections.Generic;

namespace Failover.Catalog;

/// <summary>A provider's complete model list (every page read).</summary>
/// <param name="Source">The list's name in messages: <c>openai</c>, <c>anthropic</c> or <c>gemini</c>.</param>
/// <param name="CatalogProvider">The provider prefix of catalog ids (<c>google</c> for Gemini).</param>
/// <param name="Models">The listed models, as facts keyed by catalog id.</param>
/// <param name="Pages">How many pages were read.</param>
internal sealed record ProviderModelList(string Source, string CatalogProvider, IReadOnlyList<ProviderFacts> Models, int Pages);
