using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Failover.BuildBenchmarks;

/// <summary>
/// Runs <c>dotnet build</c> on a benchmark project and measures it: the wall clock of the whole command, and the time
/// MSBuild's performance summary gives the Csc task (the compiler, generators and analyzers included; MSBuild's own
/// evaluation and the copy steps excluded).
/// </summary>
internal static partial class BuildTimer
{
    public static (double WallSeconds, double CscSeconds) Time(string projectDirectory, string properties, bool sharedCompilation)
    {
        // Csc is not incremental: a newer source makes CoreCompile run the whole compilation again.
        File.SetLastWriteTimeUtc(Directory.EnumerateFiles(projectDirectory, "*.cs").First(), DateTime.UtcNow);
        var output = Run(projectDirectory, $"build -c Release --no-restore -nologo -p:BuildProjectReferences=false -p:UseSharedCompilation={(sharedCompilation ? "true" : "false")} {properties} -clp:PerformanceSummary -v:m", out var wall);
        var csc = CscTask().Match(output);
        if (!csc.Success)
        {
            throw new InvalidOperationException("The build's performance summary has no Csc task: CoreCompile did not run.\n" + output);
        }

        return (wall.TotalSeconds, double.Parse(csc.Groups[1].Value, CultureInfo.InvariantCulture) / 1000);
    }

    /// <summary>Runs a dotnet command, failing with its output when it fails.</summary>
    public static string Run(string directory, string arguments, out TimeSpan elapsed)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        elapsed = clock.Elapsed;
        var text = stdout + stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} failed in {directory} (exit code {process.ExitCode}):\n{text}");
        }

        return text;
    }

    [GeneratedRegex(@"^\s*(\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex CscTask();
}
