using System.Globalization;
using System.Text;

namespace Failover.BuildBenchmarks;

/// <summary>
/// The LoggerMessage comparison: as many [LoggerMessage] methods as the route project has routes, in as many classes.
/// The methods are <c>static partial void</c> without an access modifier, so the project also compiles with the
/// LoggerMessage generator removed (a partial void method needs no body): the difference is the generator's output.
/// </summary>
internal static class LoggerSources
{
    public static IEnumerable<(string Name, string Text)> Files(int classes = RouteSources.Interfaces)
    {
        for (var i = 0; i < classes; i++)
        {
            yield return ($"Area{i:D3}Log.cs", Class(i));
        }
    }

    public static string Class(int index)
    {
        var n = index.ToString("D3", CultureInfo.InvariantCulture);
        var b = new StringBuilder();
        b.Append("""
            using Microsoft.Extensions.Logging;

            namespace Bench.Logging;

            """);
        b.Append($"/// <summary>Log messages of area {n}.</summary>\n");
        b.Append($"internal static partial class Area{n}Log\n{{\n");
        for (var m = 0; m < RouteSources.RoutesPerInterface; m++)
        {
            var id = (index * RouteSources.RoutesPerInterface) + m;
            b.Append(m % 2 == 0
                ? $"    [LoggerMessage(EventId = {id}, Level = LogLevel.Information, Message = \"Request {{RequestId}} of area {n} took {{ElapsedMs}} ms\")]\n    static partial void Completed{m}(ILogger logger, string requestId, int elapsedMs);\n"
                : $"    [LoggerMessage(EventId = {id}, Level = LogLevel.Warning, Message = \"Request {{RequestId}} of area {n} failed after {{Attempts}} attempts\")]\n    static partial void Failed{m}(ILogger logger, System.Exception error, string requestId, int attempts);\n");
            b.Append(m + 1 < RouteSources.RoutesPerInterface ? "\n" : string.Empty);
        }

        b.Append("}\n");
        return b.ToString();
    }
}
