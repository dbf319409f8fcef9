using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Failover.Analyzers.Tests;

/// <summary>
/// Builds samples/UnsafeRoutes (one route per rule) as a user would, through MSBuild with the real analyzer
/// assemblies and build/Failover.props/targets. The builds live in one test because they share the sample's obj folder; only the first removes the
/// compiled output, so each later build proves that changing the strictness switch alone makes the compiler run again.
/// </summary>
[Collection(RepositoryBuildCollection.Name)]
public class SampleBuildTests
{
    private static readonly string[] EveryRouteRule = Enumerable.Range(100, 17).Concat(Enumerable.Range(120, 3)).Select(static n => "FO" + n).ToArray();

    [Fact]
    public async Task Unsafe_routes_build_with_warnings_and_fail_in_strict_mode_with_every_rule_not_excluded_as_an_error()
    {
        // A clean compile first: the sample's obj folder may hold the output of an earlier run.
        DeleteCompiledOutput();
        var loose = await BuildAsync();
        Assert.True(loose.ExitCode == 0, loose.Output);
        Assert.Equal(EveryRouteRule, Ids(loose.Output, "warning"));
        Assert.Empty(Ids(loose.Output, "error"));
        Assert.DoesNotContain("AD0001", loose.Output);

        // The same, unchanged project built strict right after: no false green (the switch is an input of the compiler).
        var strict = await BuildAsync("-p:FailoverStrict=true");
        Assert.True(strict.ExitCode != 0, strict.Output);
        Assert.Equal(EveryRouteRule, Ids(strict.Output, "error"));
        Assert.Empty(Ids(strict.Output, "warning"));
        Assert.DoesNotContain("AD0001", strict.Output);

        // Excluded rules keep the severity .editorconfig gives them (the sample raises FO113 and FO116 to warnings).
        var excluding = await BuildAsync("-p:FailoverStrict=true", "-p:FailoverStrictExclude=\"FO113;FO116\"");
        Assert.True(excluding.ExitCode != 0, excluding.Output);
        Assert.Equal(EveryRouteRule.Except(["FO113", "FO116"]), Ids(excluding.Output, "error"));
        Assert.Equal(["FO113", "FO116"], Ids(excluding.Output, "warning"));

        // Outputs restored from a cache of a normal build (every file of obj/ stamped with the restore time): strict still fails.
        var normal = await BuildAsync();
        Assert.True(normal.ExitCode == 0, normal.Output);
        var restored = DateTime.UtcNow;
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("samples", "UnsafeRoutes", "obj"), "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, restored);
        }

        var strictAfterRestore = await BuildAsync("-p:FailoverStrict=true");
        Assert.True(strictAfterRestore.ExitCode != 0, strictAfterRestore.Output);
        Assert.Equal(EveryRouteRule, Ids(strictAfterRestore.Output, "error"));
    }

    private static string[] Ids(string output, string severity) =>
        Regex.Matches(output, $@"\b{severity} (FO[0-9]{{3}}):").Select(static m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToArray();

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static void DeleteCompiledOutput()
    {
        var compiled = Repository.PathOf("samples", "UnsafeRoutes", "obj", Configuration, "net10.0", "UnsafeRoutes.dll");
        if (File.Exists(compiled))
        {
            File.Delete(compiled);
        }
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        string[] args = ["build", Repository.PathOf("samples", "UnsafeRoutes", "UnsafeRoutes.csproj"), "-c", Configuration, "--nologo", "-v:q", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. extra];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build of samples/UnsafeRoutes took more than 5 minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
