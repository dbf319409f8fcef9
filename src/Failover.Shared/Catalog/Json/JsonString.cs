namespace Failover.CodeAnalysis.Catalog;

/// <summary>A JSON string (unescaped).</summary>
internal sealed class JsonString : JsonNode
{
    public JsonString(JsonPosition start, int length, string value)
        : base(start, length)
    {
        Value = value;
    }

    /// <inheritdoc/>
    public override JsonKind Kind => JsonKind.String;

    /// <summary>The unescaped value.</summary>
    public string Value { get; }
}
