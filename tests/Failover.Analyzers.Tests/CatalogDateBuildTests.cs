using System.Diagnostics;

namespace Failover.Analyzers.Tests;

/// <summary>
/// How build/Failover.targets sets FailoverCatalogDate, the day lifecycle dates are judged against: MSBuild evaluation
/// only (no compile), so it is fast. The analyzer side (build_property.FailoverCatalogDate) is covered by the
/// ModelLifecycleTests and by SampleBuildTests, whose sample pins the date.
/// </summary>
public class CatalogDateBuildTests
{
    [Fact]
    public async Task An_explicit_FailoverCatalogDate_wins_over_SOURCE_DATE_EPOCH()
    {
        Assert.Equal("2026-12-01", await EvaluateAsync("1700000000", "-p:FailoverCatalogDate=2026-12-01"));
    }

    [Fact]
    public async Task SOURCE_DATE_EPOCH_gives_a_reproducible_date()
    {
        Assert.Equal("2023-11-14", await EvaluateAsync("1700000000"));
    }

    [Fact]
    public async Task Without_either_the_build_date_in_UTC_is_used()
    {
        var before = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var date = await EvaluateAsync(null);
        var after = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Contains(date, new[] { before, after });
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("01/12/2026")]
    [InlineData("tomorrow")]
    public async Task A_date_that_is_not_yyyy_MM_dd_fails_the_build_naming_the_property(string date)
    {
        var (exitCode, output) = await RunAsync(null, "-t:FailoverCheckCatalogDate", "-p:FailoverCatalogDate=" + date);
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"FailoverCatalogDate '{date}' is not a yyyy-MM-dd date", output);
    }

    [Fact]
    public async Task A_valid_date_passes_the_check()
    {
        var (exitCode, output) = await RunAsync(null, "-t:FailoverCheckCatalogDate", "-p:FailoverCatalogDate=2026-12-01");
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void The_date_is_handed_to_the_analyzers()
    {
        var targets = File.ReadAllText(Repository.PathOf("src", "Failover.Runtime", "build", "Failover.targets"));
        Assert.Contains("<CompilerVisibleProperty Include=\"FailoverCatalogDate\" />", targets);
    }

    private static async Task<string> EvaluateAsync(string? sourceDateEpoch, params string[] extra)
    {
        var (exitCode, output) = await RunAsync(sourceDateEpoch, ["-getProperty:FailoverCatalogDate", .. extra]);
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string? sourceDateEpoch, params string[] extra)
    {
        var folder = Directory.CreateTempSubdirectory("failover-date-");
        try
        {
            var project = Path.Combine(folder.FullName, "probe.proj");
            var targets = Repository.PathOf("src", "Failover.Runtime", "build", "Failover.targets");
            await File.WriteAllTextAsync(project, $"<Project><Import Project=\"{targets}\" /></Project>");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName };
            foreach (var arg in new[] { "msbuild", project, "-nologo" }.Concat(extra))
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Remove("SOURCE_DATE_EPOCH");
            if (sourceDateEpoch is not null)
            {
                start.Environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
