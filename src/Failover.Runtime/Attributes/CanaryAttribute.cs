using System;

namespace Failover;

/// <summary>
/// Sends <see cref="Percent"/> percent of the route's calls first to a candidate model, with the normal chain behind it.
/// The choice is deterministic per key when the method has a <see cref="CanaryKeyAttribute"/> parameter (the same key
/// always gets the same model), random per call otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CanaryAttribute : Attribute
{
    /// <summary>Declares the candidate model.</summary>
    /// <param name="model">The candidate's id, <c>provider/model</c>.</param>
    public CanaryAttribute(string model) => Model = model;

    /// <summary>The candidate model id.</summary>
    public string Model { get; }

    /// <summary>The share of calls sent to the candidate first, from 0 (exclusive) to 100.</summary>
    /// <value>The default is 5.</value>
    public double Percent { get; set; } = AttributeDefaults.CanaryPercent;
}

/// <summary>
/// Marks the parameter whose value decides canary assignment: calls with the same key always go to the same model.
/// The parameter must be a <see cref="string"/>; it is not a prompt placeholder unless the template also uses it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class CanaryKeyAttribute : Attribute
{
}
