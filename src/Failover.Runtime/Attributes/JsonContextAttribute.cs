using System;

namespace Failover;

/// <summary>
/// The source-generated <c>JsonSerializerContext</c> that structured-output routes of the interface use for their
/// schema and deserialization, so that no reflection is needed (trimming and native AOT). A route's own
/// <see cref="ModelRouteAttribute.JsonContext"/> wins. Without either, the reflection-based serializer is used.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class JsonContextAttribute : Attribute
{
    /// <summary>Declares the context type; it must derive from <c>System.Text.Json.Serialization.JsonSerializerContext</c>.</summary>
    public JsonContextAttribute(Type contextType) => ContextType = contextType;

    /// <summary>The context type.</summary>
    public Type ContextType { get; }
}
