using System;

namespace Failover;

/// <summary>
/// Names a static method that answers when every model of the route failed, instead of throwing a
/// <see cref="FailoverException"/>. The method returns the route's value type and takes either no parameters or the
/// route method's parameters (the same types in the same order, the CancellationToken optional). It is not used when
/// the caller cancelled, or when a deterministic failure (malformed request, content policy) stopped the route.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DegradeAttribute : Attribute
{
    /// <summary>Names a static method declared on the route's interface.</summary>
    public DegradeAttribute(string methodName) => MethodName = methodName;

    /// <summary>Names a static method declared on <paramref name="type"/>.</summary>
    public DegradeAttribute(Type type, string methodName)
    {
        Type = type;
        MethodName = methodName;
    }

    /// <summary>The type declaring the method; null for the interface itself.</summary>
    public Type? Type { get; }

    /// <summary>The method's name.</summary>
    public string MethodName { get; }
}
