namespace Failover.CodeAnalysis.Catalog;

/// <summary>A value in the tiny DOM built by <see cref="JsonReaderLite"/>, with the place it was read from.</summary>
internal abstract class JsonNode
{
    protected JsonNode(JsonPosition start, int length)
    {
        Start = start;
        Length = length;
    }

    /// <summary>The kind of value.</summary>
    public abstract JsonKind Kind { get; }

    /// <summary>Where the value starts (its first character).</summary>
    public JsonPosition Start { get; }

    /// <summary>The number of characters the value spans in the text.</summary>
    public int Length { get; }

    /// <summary>A short name of the kind for messages: "an object", "a string", ...</summary>
    public string KindDescription => Describe(Kind);

    /// <summary>A short name of a kind for messages: "an object", "a string", ...</summary>
    public static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Boolean => "a boolean",
        _ => "null",
    };
}
