using System.Text.RegularExpressions;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>The failure policy table in docs/architecture.md is the table in <see cref="FailurePolicy"/>: one row per kind, same answers.</summary>
public sealed class FailurePolicyDocsTests
{
    [Fact]
    public void The_docs_table_lists_every_failure_kind_with_the_decisions_of_FailurePolicy()
    {
        var docs = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var rows = docs
            .Select(static line => Regex.Match(line, @"^\| `(\w+)` \| (yes|no) \| ([^|]+?) \| (yes|no) \|"))
            .Where(static m => m.Success)
            .ToDictionary(static m => m.Groups[1].Value, static m => (Retry: m.Groups[2].Value == "yes", Fallback: m.Groups[3].Value, Health: m.Groups[4].Value == "yes"));

        foreach (var kind in Enum.GetValues<FailureKind>().Where(static k => k != FailureKind.None))
        {
            Assert.True(rows.TryGetValue(kind.ToString(), out var row), $"docs/architecture.md has no failure policy row for {kind}");
            var decision = FailurePolicy.Decide(kind);
            Assert.True(decision.RetrySameModel == row.Retry, $"{kind}: docs say retried = {row.Retry}, FailurePolicy says {decision.RetrySameModel}");
            Assert.True(decision.CountsTowardBreaker == row.Health, $"{kind}: docs say counts toward health = {row.Health}, FailurePolicy says {decision.CountsTowardBreaker}");
            var expected = decision.Fallback switch
            {
                FallbackRule.AnyModel => "any model",
                FallbackRule.OtherProvider => "another provider",
                FallbackRule.LargerContextOnly => "a larger window",
                _ => "nothing",
            };
            Assert.True(expected == row.Fallback, $"{kind}: docs say it falls back to '{row.Fallback}', FailurePolicy says '{expected}'");
            Assert.Equal(decision.RetrySameModel, FailurePolicy.RetriesSameModel(kind, RetryRule.None));
        }

        Assert.Equal(Enum.GetValues<FailureKind>().Length - 1, rows.Count);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Generator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}
