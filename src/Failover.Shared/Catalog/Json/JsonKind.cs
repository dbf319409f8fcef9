namespace Failover.CodeAnalysis.Catalog;

/// <summary>The kind of a <see cref="JsonNode"/>.</summary>
internal enum JsonKind
{
    /// <summary>An object, <c>{ ... }</c>.</summary>
    Object,

    /// <summary>An array, <c>[ ... ]</c>.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>.</summary>
    Null,
}
