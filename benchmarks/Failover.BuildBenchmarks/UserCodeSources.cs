using System.Globalization;
using System.Text;

namespace Failover.BuildBenchmarks;

/// <summary>
/// Ordinary code (no attributes, no generator) as large, in source characters, as the route interfaces: one class per
/// interface, with plain methods of loops, branches and string work, so that the "routes plus as much own code" project
/// measures what Failover adds to a project that is more than its route declarations.
/// </summary>
internal static class UserCodeSources
{
    public static IEnumerable<(string Name, string Text)> Files(int interfaces = RouteSources.Interfaces)
    {
        for (var i = 0; i < interfaces; i++)
        {
            yield return ($"Area{i:D3}Service.cs", Class(i, RouteSources.Interface(i).Length));
        }
    }

    /// <summary>A class of at least <paramref name="size"/> characters, grown a method at a time.</summary>
    public static string Class(int index, int size)
    {
        var n = index.ToString("D3", CultureInfo.InvariantCulture);
        var b = new StringBuilder();
        b.Append("""
            using System;
            using System.Collections.Generic;

            namespace Bench.Services;

            """);
        b.Append($"/// <summary>Hand-written logic of area {n}.</summary>\n");
        b.Append($"public sealed class Area{n}Service\n{{\n");
        b.Append("    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);\n");
        for (var m = 0; b.Length < size; m++)
        {
            b.Append($$"""

                    public int Score{{m}}(string text, int weight)
                    {
                        var score = 0;
                        foreach (var c in text)
                        {
                            score += char.IsUpper(c) ? weight : 1;
                        }

                        _counts[text] = _counts.TryGetValue(text, out var seen) ? seen + 1 : 1;
                        return text.Length > {{m}} ? score * {{m + 1}} : score - {{m}};
                    }

                """);
        }

        b.Append("}\n");
        return b.ToString();
    }
}
