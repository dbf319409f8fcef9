using System;
using System.Collections.Generic;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>A JSON object; property names are unique (the reader rejects duplicates) and compared ordinally.</summary>
internal sealed class JsonObject : JsonNode
{
    private readonly Dictionary<string, JsonProperty> _byName;

    public JsonObject(JsonPosition start, int length, IReadOnlyList<JsonProperty> properties)
        : base(start, length)
    {
        Properties = properties;
        _byName = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        foreach (JsonProperty property in properties)
        {
            _byName[property.Name] = property;
        }
    }

    /// <inheritdoc/>
    public override JsonKind Kind => JsonKind.Object;

    /// <summary>The properties in document order.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Finds a property by its exact name.</summary>
    public bool TryGetProperty(string name, out JsonProperty property)
    {
        if (_byName.TryGetValue(name, out JsonProperty? found))
        {
            property = found;
            return true;
        }

        property = null!;
        return false;
    }
}
