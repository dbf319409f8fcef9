using System;

namespace Failover;

/// <summary>A backup model for the route, tried in declaration order after the primary.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class FallbackAttribute : Attribute
{
    /// <summary>Declares a backup model.</summary>
    /// <param name="model">The model id as <c>provider/model</c>; prefer another provider than the primary's.</param>
    public FallbackAttribute(string model) => Model = model;

    /// <summary>The backup model id.</summary>
    public string Model { get; }
}
