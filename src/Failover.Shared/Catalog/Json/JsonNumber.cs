namespace Failover.CodeAnalysis.Catalog;

/// <summary>A JSON number, kept both as written and as a <see cref="double"/>.</summary>
internal sealed class JsonNumber : JsonNode
{
    public JsonNumber(JsonPosition start, string text, double value)
        : base(start, text.Length)
    {
        Text = text;
        Value = value;
    }

    /// <inheritdoc/>
    public override JsonKind Kind => JsonKind.Number;

    /// <summary>The number exactly as written, for messages.</summary>
    public string Text { get; }

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>Whether the value is a whole number (for example <c>400000</c> or <c>4e5</c>).</summary>
    public bool IsInteger => Value == System.Math.Floor(Value) && !double.IsInfinity(Value);
}
