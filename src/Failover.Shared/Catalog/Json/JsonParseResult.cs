namespace Failover.CodeAnalysis.Catalog;

/// <summary>The outcome of <see cref="JsonReaderLite.Parse"/>: a root value or an error, never both.</summary>
internal sealed class JsonParseResult
{
    public JsonParseResult(JsonNode? root, JsonSyntaxError? error)
    {
        Root = root;
        Error = error;
    }

    /// <summary>The root value, or <see langword="null"/> when the text is not valid JSON.</summary>
    public JsonNode? Root { get; }

    /// <summary>The first syntax error, or <see langword="null"/>.</summary>
    public JsonSyntaxError? Error { get; }
}
