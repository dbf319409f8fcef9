using System.Globalization;
using System.Text;

namespace Failover.BuildBenchmarks;

/// <summary>
/// The sources of the benchmark's route project: <see cref="Interfaces"/> interfaces of <see cref="RoutesPerInterface"/>
/// [ModelRoute] methods each, in the shapes users write (prompt templates with text results, conversations with chat
/// responses, structured results, streams), every one free of FO diagnostics so that the build measures compiling, not reporting.
/// </summary>
internal static class RouteSources
{
    public const int Interfaces = 100;
    public const int RoutesPerInterface = 10;

    // Primary and fallback of a similar price, so that no route draws FO121 (a fallback that multiplies the bill).
    private static readonly (string Primary, string Fallback)[] Chains =
    [
        ("openai/gpt-5-mini", "google/gemini-2.5-flash"),
        ("google/gemini-2.5-flash", "openai/gpt-5-mini"),
        ("openai/gpt-5-nano", "mistral/mistral-small-latest"),
        ("mistral/mistral-small-latest", "openai/gpt-5-nano"),
    ];

    /// <summary>One file per interface, keyed by file name.</summary>
    public static IEnumerable<(string Name, string Text)> Files(int interfaces = Interfaces)
    {
        yield return ("Items.cs", """
            namespace Bench.Routes;

            /// <summary>The structured result of the benchmark's structured routes.</summary>
            public sealed record Verdict(string Label, double Score);
            """);
        for (var i = 0; i < interfaces; i++)
        {
            yield return ($"IArea{i:D3}Ai.cs", Interface(i));
        }
    }

    public static string Interface(int index)
    {
        var n = index.ToString("D3", CultureInfo.InvariantCulture);
        var b = new StringBuilder();
        b.Append("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Failover;
            using Microsoft.Extensions.AI;

            namespace Bench.Routes;

            """);
        b.Append($"/// <summary>Model calls of area {n}.</summary>\n");
        b.Append($"public interface IArea{n}Ai\n{{\n");
        for (var r = 0; r < RoutesPerInterface; r++)
        {
            var (primary, fallback) = Chains[(index + r) % Chains.Length];
            b.Append(r % 5 == 4
                ? $"    [ModelRoute(\"{primary}\", Owner = \"area{n}\", FirstTokenTimeoutMs = 5_000)]\n"
                : $"    [ModelRoute(\"{primary}\", Owner = \"area{n}\")]\n");
            b.Append($"    [Fallback(\"{fallback}\")]\n");
            b.Append($"    [Retry(MaxAttempts = {2 + (r % 2)})]\n");
            switch (r % 5)
            {
                case 0:
                case 1:
                    b.Append($"    [Prompt(\"Classify this request of area {n} as billing, bug or other: {{text}}\")]\n");
                    b.Append($"    Task<string> Classify{r}Async(string text, CancellationToken cancellationToken = default);\n");
                    break;
                case 2:
                    b.Append("    [SystemPrompt(\"You answer support questions politely.\")]\n");
                    b.Append($"    Task<ChatResponse> Answer{r}Async(IReadOnlyList<ChatMessage> conversation, CancellationToken cancellationToken);\n");
                    break;
                case 3:
                    b.Append($"    [Prompt(\"Judge the answer {{answer}} to question {{number}}.\")]\n");
                    b.Append($"    Task<Verdict> Judge{r}Async(string answer, int number, CancellationToken cancellationToken = default);\n");
                    break;
                default:
                    b.Append($"    [Prompt(\"Write a reply to: {{text}}\")]\n");
                    b.Append($"    IAsyncEnumerable<string> Stream{r}Async(string text, CancellationToken cancellationToken = default);\n");
                    break;
            }

            b.Append(r + 1 < RoutesPerInterface ? "\n" : string.Empty);
        }

        b.Append("}\n");
        return b.ToString();
    }
}
