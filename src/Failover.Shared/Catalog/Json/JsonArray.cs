using System.Collections.Generic;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>A JSON array.</summary>
internal sealed class JsonArray : JsonNode
{
    public JsonArray(JsonPosition start, int length, IReadOnlyList<JsonNode> items)
        : base(start, length)
    {
        Items = items;
    }

    /// <inheritdoc/>
    public override JsonKind Kind => JsonKind.Array;

    /// <summary>The items in document order.</summary>
    public IReadOnlyList<JsonNode> Items { get; }
}
