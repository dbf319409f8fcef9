using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Failover.Catalog;

/// <summary>
/// <c>refresh --catalog models.json [--providers openai,anthropic,gemini] [--openai-url U] [--anthropic-url U]
/// [--gemini-url U] [--litellm prices.json] [--dry-run]</c>. Keys come from OPENAI_API_KEY, ANTHROPIC_API_KEY and
/// GEMINI_API_KEY (or GOOGLE_API_KEY) and are never printed. Exit codes: 0 done, 1 refresh failed (file untouched), 2 usage.
/// </summary>
internal static class CatalogCommand
{
    public const string Usage =
        "usage: refresh --catalog <models.json> [--providers openai,anthropic,gemini] [--openai-url <url>] [--anthropic-url <url>] [--gemini-url <url>] [--litellm <prices.json>] [--dry-run]\n"
        + "  keys: OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY); by default every provider with a key is refreshed";

    private static readonly string[] Providers = ["openai", "anthropic", "gemini"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, HttpClient http, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0 || args[0] != "refresh")
        {
            error.WriteLine(args.Length == 0 ? Usage : "unknown command '" + args[0] + "'\n" + Usage);
            return 2;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool dryRun = false;
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--dry-run")
            {
                dryRun = true;
            }
            else if (arg is "--catalog" or "--providers" or "--openai-url" or "--anthropic-url" or "--gemini-url" or "--litellm" && i + 1 < args.Length)
            {
                values[arg] = args[++i];
            }
            else
            {
                error.WriteLine("unknown or incomplete option '" + arg + "'\n" + Usage);
                return 2;
            }
        }

        if (!values.TryGetValue("--catalog", out string? catalog))
        {
            error.WriteLine("--catalog is required\n" + Usage);
            return 2;
        }

        var notes = new List<string>();
        var sources = new List<ModelListSource>();
        IEnumerable<string> wanted = values.TryGetValue("--providers", out string? list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant())
            : Providers;
        foreach (string provider in wanted.Distinct())
        {
            if (!Providers.Contains(provider))
            {
                error.WriteLine("unknown provider '" + provider + "' in --providers; use openai, anthropic or gemini");
                return 2;
            }

            string variable = provider == "openai" ? "OPENAI_API_KEY" : provider == "anthropic" ? "ANTHROPIC_API_KEY" : "GEMINI_API_KEY";
            string? key = environment(variable);
            if (string.IsNullOrEmpty(key) && provider == "gemini")
            {
                key = environment("GOOGLE_API_KEY");
            }

            if (string.IsNullOrEmpty(key))
            {
                if (list is not null)
                {
                    error.WriteLine(provider + ": " + variable + " is not set; set it or leave " + provider + " out of --providers");
                    return 2;
                }

                notes.Add(provider + ": skipped (" + variable + " is not set)");
                continue;
            }

            string option = "--" + provider + "-url";
            Uri? url = null;
            if (values.TryGetValue(option, out string? text) && !Uri.TryCreate(text, UriKind.Absolute, out url))
            {
                error.WriteLine(option + " '" + text + "' is not an absolute URL");
                return 2;
            }

            sources.Add(provider switch
            {
                "openai" => new OpenAIModelList(url ?? OpenAIModelList.DefaultBaseUrl, key),
                "anthropic" => new AnthropicModelList(url ?? AnthropicModelList.DefaultBaseUrl, key),
                _ => new GeminiModelList(url ?? GeminiModelList.DefaultBaseUrl, key),
            });
        }

        values.TryGetValue("--litellm", out string? litellm);
        if (sources.Count == 0 && litellm is null)
        {
            error.WriteLine("nothing to refresh from: set a provider key (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY) or pass --litellm <prices.json>");
            return 2;
        }

        RefreshReport report;
        try
        {
            report = await new CatalogRefresher(http, time).RefreshAsync(
                new RefreshOptions { CatalogPath = catalog, Sources = sources, LiteLlmPath = litellm, DryRun = dryRun },
                cancellationToken).ConfigureAwait(false);
        }
        catch (CatalogRefreshException ex)
        {
            error.WriteLine("refresh failed: " + ex.Message);
            error.WriteLine(catalog + " was not changed.");
            return 1;
        }

        output.WriteLine("Refreshing " + catalog);
        foreach (string line in notes.Concat(report.Sources))
        {
            output.WriteLine("  " + line);
        }

        output.WriteLine(report.Changes.Count == 0 ? "No changes." : "Changes:");
        foreach (CatalogChange change in report.Changes)
        {
            output.WriteLine(change);
        }

        int written = report.Changes.Count(c => c.IsWritten);
        output.WriteLine(report.Written
            ? "Wrote " + catalog + " (" + written + " change(s))."
            : dryRun && written > 0 ? "Dry run: " + catalog + " not written." : catalog + " left as it is.");
        return 0;
    }
}
