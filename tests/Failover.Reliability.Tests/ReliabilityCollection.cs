using Xunit;

namespace Failover.Reliability.Tests;

/// <summary>
/// The canary and chaos tests listen to every ActivitySource and Meter in the process and measure memory: they run
/// one at a time, never alongside each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability";
}
