namespace Failover.BuildBenchmarks;

/// <summary>One timed build: a project and the MSBuild properties that switch generators, analyzers and code on or off.</summary>
internal sealed record BuildVariant(string Key, string Description, string Project, string Properties);
