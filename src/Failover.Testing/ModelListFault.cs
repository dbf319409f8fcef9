namespace Failover.Testing;

/// <summary>How a provider's model list endpoint misbehaves (<see cref="SimulatedModelList.Fault"/>).</summary>
public enum ModelListFault
{
    /// <summary>A well-formed list.</summary>
    None,

    /// <summary>200 with a body that is not JSON at all (an HTML error page from a proxy).</summary>
    Garbage,

    /// <summary>200 with the list's JSON cut in the middle (the body ends early).</summary>
    Truncated,

    /// <summary>200 with valid JSON of the wrong shape (no list of models).</summary>
    WrongShape,
}
