using Xunit;

namespace Failover.Analyzers.Tests;

/// <summary>
/// Tests that run MSBuild over the repository's own projects (the sample builds, the packing of Failover.Runtime) share
/// src/*/bin and obj: run at once, one build rewrites Failover.Runtime.dll while the other packs it (NU5019, file not
/// found). xUnit runs the classes of one collection one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RepositoryBuildCollection
{
    public const string Name = "Builds of the repository's own projects";
}
