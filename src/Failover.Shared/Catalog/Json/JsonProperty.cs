namespace Failover.CodeAnalysis.Catalog;

/// <summary>A property of a <see cref="JsonObject"/>: its name, where the name (with its quotes) starts, and its value.</summary>
internal sealed class JsonProperty
{
    public JsonProperty(string name, JsonPosition nameStart, int nameLength, JsonNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameLength = nameLength;
        Value = value;
    }

    /// <summary>The unescaped name.</summary>
    public string Name { get; }

    /// <summary>Where the name's opening quote is.</summary>
    public JsonPosition NameStart { get; }

    /// <summary>The length of the name token in the text, quotes included.</summary>
    public int NameLength { get; }

    /// <summary>The value.</summary>
    public JsonNode Value { get; }
}
