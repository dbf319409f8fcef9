using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Failover.Generator.Tests;

/// <summary>
/// A small stand-in for Verify: compares text with Snapshots/{name}.verified.{ext} beside the tests, writes a
/// .received file and fails with a diff on mismatch. Set FAILOVER_ACCEPT_SNAPSHOTS=1 to accept the received text.
/// </summary>
internal static partial class Snapshot
{
    public static void Match(string actual, string name, string extension = "cs", [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(SourcePath(callerFile))!, "Snapshots");
        Directory.CreateDirectory(directory);
        var verifiedPath = Path.Combine(directory, $"{name}.verified.{extension}");
        var receivedPath = Path.Combine(directory, $"{name}.received.{extension}");
        var normalized = Normalize(actual);

        if (Environment.GetEnvironmentVariable("FAILOVER_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, normalized);
            throw new Xunit.Sdk.XunitException($"No snapshot {verifiedPath}. Review {receivedPath} and rename it, or rerun with FAILOVER_ACCEPT_SNAPSHOTS=1.");
        }

        var expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        throw new Xunit.Sdk.XunitException($"Snapshot {name} differs from {verifiedPath} (received: {receivedPath}).\n{Diff(expected, normalized)}");
    }

    /// <summary>
    /// The caller's real path. CI builds are deterministic (ContinuousIntegrationBuild), which maps source paths to
    /// <c>/_/</c>; the repository root is then found from the test binaries.
    /// </summary>
    private static string SourcePath(string callerFile)
    {
        if (File.Exists(callerFile))
        {
            return callerFile;
        }

        var mapped = callerFile.Replace('\\', '/');
        if (!mapped.StartsWith("/_/", StringComparison.Ordinal))
        {
            return callerFile;
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Generator.sln")))
        {
            root = root.Parent;
        }

        return root is null ? callerFile : Path.Combine(root.FullName, mapped["/_/".Length..]);
    }

    private static string Normalize(string text)
    {
        text = text.Replace("\r\n", "\n").TrimStart('\uFEFF');
        text = GeneratedCodeVersion().Replace(text, "GeneratedCode(\"Failover\", \"VERSION\")");
        return text.TrimEnd('\n') + "\n";
    }

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(e.Length, a.Length) && lines.Count < 40; i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                lines.Add($"line {i + 1}:\n  - {left}\n  + {right}");
            }
        }

        return string.Join("\n", lines);
    }

    [GeneratedRegex("GeneratedCode\\(\"Failover\", \"[^\"]*\"\\)")]
    private static partial Regex GeneratedCodeVersion();
}
