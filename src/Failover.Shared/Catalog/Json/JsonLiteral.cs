namespace Failover.CodeAnalysis.Catalog;

/// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed class JsonLiteral : JsonNode
{
    private readonly JsonKind _kind;

    public JsonLiteral(JsonPosition start, JsonKind kind, bool value)
        : base(start, kind == JsonKind.Null ? 4 : value ? 4 : 5)
    {
        _kind = kind;
        Value = value;
    }

    /// <inheritdoc/>
    public override JsonKind Kind => _kind;

    /// <summary>The boolean value; <see langword="false"/> for <c>null</c>.</summary>
    public bool Value { get; }
}
