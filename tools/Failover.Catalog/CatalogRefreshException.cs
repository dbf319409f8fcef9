using System;

namespace Failover.Catalog;

/// <summary>A refresh that cannot finish; the message names the source (provider or file) and the problem. The catalog file is left as it was.</summary>
internal sealed class CatalogRefreshException : Exception
{
    public CatalogRefreshException(string source, string problem, Exception? inner = null)
        : base(source + ": " + problem, inner)
    {
        Source = source;
    }

    /// <summary>The provider (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>), <c>litellm</c> or the catalog path.</summary>
    public new string Source { get; }
}
