using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Failover.Catalog;

/// <summary>
/// Reads one provider's model list over HTTP, every page, and turns it into <see cref="ProviderFacts"/>. Anything but a
/// complete, well-formed list is a <see cref="CatalogRefreshException"/> naming the provider and the problem: a refresh
/// never acts on half a list (a missing model would look retired). The API key goes in a header only, never in a URL or a message.
/// </summary>
internal abstract class ModelListSource
{
    private const int MaxPages = 200;

    protected ModelListSource(string source, string catalogProvider, Uri baseUrl, string apiKey)
    {
        Source = source;
        CatalogProvider = catalogProvider;
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        ApiKey = apiKey;
    }

    /// <summary>The list's name in messages: <c>openai</c>, <c>anthropic</c>, <c>gemini</c>.</summary>
    public string Source { get; }

    /// <summary>The provider prefix of catalog ids.</summary>
    public string CatalogProvider { get; }

    protected Uri BaseUrl { get; }

    protected string ApiKey { get; }

    /// <summary>Reads every page of the list.</summary>
    public async Task<ProviderModelList> FetchAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var models = new List<ProviderFacts>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        int pages = 0;
        do
        {
            if (++pages > MaxPages)
            {
                throw Problem("the model list did not end after " + MaxPages + " pages; the catalog was not changed");
            }

            using JsonDocument page = await GetPageAsync(http, cursor, cancellationToken).ConfigureAwait(false);
            cursor = ReadPage(page.RootElement, models);
            if (cursor is not null && !cursors.Add(cursor))
            {
                throw Problem("the model list repeats its page cursor '" + cursor + "'; the catalog was not changed");
            }
        }
        while (cursor is not null);

        if (models.Count == 0)
        {
            // An empty list would retire every model of the provider: far more likely a broken account or proxy than the truth.
            throw Problem("the model list is empty; refusing to retire every " + CatalogProvider + " model (check the key's project and the base URL)");
        }

        return new ProviderModelList(Source, CatalogProvider, models, pages);
    }

    /// <summary>The request for the page after <paramref name="cursor"/> (null: the first page).</summary>
    protected abstract HttpRequestMessage CreateRequest(string? cursor);

    /// <summary>Adds the page's models to <paramref name="into"/>; returns the next page's cursor or null on the last page.</summary>
    protected abstract string? ReadPage(JsonElement root, List<ProviderFacts> into);

    protected CatalogRefreshException Problem(string problem, Exception? inner = null) => new(Source, Redact(problem), inner);

    /// <summary>Reads a required string property of a listed model.</summary>
    protected string RequiredString(JsonElement item, string property, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Problem("model " + index + " of the list is " + item.ValueKind.ToString().ToLowerInvariant() + ", not an object; the catalog was not changed");
        }

        if (!item.TryGetProperty(property, out JsonElement value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Problem("model " + index + " of the list has no '" + property + "' string; the catalog was not changed");
        }

        return value.GetString()!;
    }

    protected static int? OptionalTokens(JsonElement item, string property) =>
        item.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n > 0 ? n : null;

    protected JsonElement RequiredArray(JsonElement root, string property)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Problem("the model list response is " + root.ValueKind.ToString().ToLowerInvariant() + ", not an object with '" + property + "'; the catalog was not changed");
        }

        if (!root.TryGetProperty(property, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Problem("the model list response has no '" + property + "' array (not a model list: check the base URL); the catalog was not changed");
        }

        return array;
    }

    private async Task<JsonDocument> GetPageAsync(HttpClient http, string? cursor, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = CreateRequest(cursor);
        string body;
        HttpStatusCode status;
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // A body shorter than its Content-Length or a dropped connection: the list is partial.
            throw Problem("the model list could not be read from " + request.RequestUri!.GetLeftPart(UriPartial.Path) + " (" + (ex.InnerException?.Message ?? ex.Message) + "); the catalog was not changed", ex);
        }
        catch (IOException ex)
        {
            throw Problem("the model list response was cut off (" + ex.Message + "); the catalog was not changed", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Problem("the model list request timed out; the catalog was not changed", ex);
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // The body is not repeated: some providers echo part of the key in it.
            throw Problem("the API key was rejected (HTTP " + (int)status + "); check the key's environment variable; the catalog was not changed");
        }

        if ((int)status is < 200 or > 299)
        {
            throw Problem("the model list request failed with HTTP " + (int)status + Excerpt(body) + "; the catalog was not changed");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            string what = body.TrimStart().StartsWith('<') ? "is HTML, not JSON (a proxy or error page?)" : "is not valid JSON, or is cut off (" + ex.Message + ")";
            throw Problem("the model list response " + what + "; the catalog was not changed", ex);
        }
    }

    private string Excerpt(string body)
    {
        body = body.Trim();
        return body.Length == 0 ? string.Empty : ": " + (body.Length > 200 ? body[..200] + "..." : body);
    }

    private string Redact(string text) => ApiKey.Length == 0 ? text : text.Replace(ApiKey, "***", StringComparison.Ordinal);
}
