using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Failover.CodeAnalysis.Catalog;

namespace Failover.Catalog;

/// <summary>
/// Refreshes a catalog file from the providers' model lists and a LiteLLM price file (see docs/catalog.md, "Refreshing
/// the catalog"). All sources are read before anything is written; any failure leaves the file exactly as it was. The
/// new text is checked with the analyzers' own parser and then replaces the file by an atomic move of a temporary file.
/// </summary>
internal sealed class CatalogRefresher
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public CatalogRefresher(HttpClient http, TimeProvider time)
    {
        _http = http;
        _time = time;
    }

    public async Task<RefreshReport> RefreshAsync(RefreshOptions options, CancellationToken cancellationToken = default)
    {
        ExistingCatalog existing = ReadExisting(options.CatalogPath);
        var sourceLines = new List<string>();
        var lists = new List<ProviderModelList>();
        foreach (ModelListSource source in options.Sources)
        {
            ProviderModelList list = await source.FetchAsync(_http, cancellationToken).ConfigureAwait(false);
            lists.Add(list);
            sourceLines.Add(source.Source + ": " + Count(list.Models.Count, "model") + " listed (" + Count(list.Pages, "page") + ")");
        }

        IReadOnlyDictionary<string, ProviderFacts>? prices = null;
        if (options.LiteLlmPath is not null)
        {
            LiteLlmPriceFile.Result file = LiteLlmPriceFile.Read(options.LiteLlmPath);
            prices = file.Models;
            sourceLines.Add("litellm: " + Count(file.Models.Count, "model") + " read from " + Path.GetFileName(options.LiteLlmPath)
                + (file.Ignored == 0 ? string.Empty : " (" + file.Ignored + " field(s) of the wrong type ignored)"));
        }

        DateOnly today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        CatalogMerger.Result merged = CatalogMerger.Merge(existing.Models, BuiltInCatalog.Parse().Entries.Select(e => e.Id), lists, prices, today);
        string text = CatalogWriter.Write(merged.Models, existing.HeaderComments, existing.Schema);
        bool changed = merged.Changes.Any(c => c.IsWritten) || (existing.Text is null && merged.Models.Count > 0);
        if (changed)
        {
            CatalogParseResult check = CatalogParser.Parse(text, options.CatalogPath);
            if (!check.IsValid)
            {
                // Never hand the analyzers a file they reject; this is a bug in the refresh, not in the input.
                throw new CatalogRefreshException(options.CatalogPath, "the refreshed catalog did not pass the catalog parser (" + check.Errors[0].Message + "); the file was not changed");
            }
        }

        bool written = changed && !options.DryRun;
        if (written)
        {
            WriteAtomically(options.CatalogPath, text);
        }

        return new RefreshReport(options.CatalogPath, sourceLines, merged.Changes, written);
    }

    private static string Count(int n, string noun) => n + " " + noun + (n == 1 ? string.Empty : "s");

    private static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new CatalogRefreshException(path, "the refreshed catalog could not be written (" + ex.Message + "); the file was not changed", ex);
        }
    }

    private static ExistingCatalog ReadExisting(string path)
    {
        if (!File.Exists(path))
        {
            return new ExistingCatalog(null, [], [], null);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CatalogRefreshException(path, "the catalog cannot be read (" + ex.Message + ")", ex);
        }

        CatalogParseResult parsed = CatalogParser.Parse(text, path);
        if (!parsed.IsValid)
        {
            // Refreshing a file with errors would silently drop the bad entries; the user fixes them first.
            throw new CatalogRefreshException(path, "the catalog has " + parsed.Errors.Count + " error(s); fix them and refresh again (the file was not changed):"
                + string.Concat(parsed.Errors.Take(5).Select(e => Environment.NewLine + "  " + e)));
        }

        // With no errors every model object became an entry, in order: read 'source' and 'lifecycle' presence beside it.
        var root = (JsonObject)JsonReaderLite.Parse(text).Root!;
        root.TryGetProperty("models", out JsonProperty modelsProperty);
        var items = ((JsonArray)modelsProperty.Value).Items;
        var models = new List<CatalogModel>();
        for (int i = 0; i < parsed.Entries.Count; i++)
        {
            var item = (JsonObject)items[i];
            string? source = item.TryGetProperty("source", out JsonProperty s) && s.Value is JsonString str ? str.Value : null;
            bool hadLifecycle = item.TryGetProperty("lifecycle", out JsonProperty l) && l.Value.Kind != JsonKind.Null;
            models.Add(CatalogModel.From(parsed.Entries[i], source, hadLifecycle));
        }

        string? schema = root.TryGetProperty("$schema", out JsonProperty schemaProperty) && schemaProperty.Value is JsonString schemaText ? schemaText.Value : null;
        int modelsAt = text.IndexOf("\"models\"", StringComparison.Ordinal);
        var header = text[..Math.Max(0, modelsAt)].Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("//", StringComparison.Ordinal)).ToList();
        return new ExistingCatalog(text, models, header, schema);
    }

    private sealed record ExistingCatalog(string? Text, IReadOnlyList<CatalogModel> Models, IReadOnlyList<string> HeaderComments, string? Schema);
}
