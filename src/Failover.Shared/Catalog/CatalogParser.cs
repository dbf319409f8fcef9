using System;
using System.Collections.Generic;
using System.Globalization;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>
/// Reads a catalog file (<c>{ "models": [ ... ] }</c>, see docs/catalog.md) into <see cref="ModelEntry"/> values.
/// A bad entry is reported and skipped; the others are kept. Never throws.
/// </summary>
internal static class CatalogParser
{
    /// <summary>
    /// The result for a catalog file that could not be read at all (an AdditionalFiles item naming a missing file):
    /// no entries and one error that says so, instead of "the document is empty".
    /// </summary>
    public static CatalogParseResult Unreadable(string path)
    {
        path ??= string.Empty;
        var error = new CatalogError(
            "the model catalog file '" + path + "' could not be read: it does not exist or cannot be opened; fix the path of this AdditionalFiles item or remove the item",
            path, 1, 1, 0, 0);
        return new CatalogParseResult(path, EquatableArray<ModelEntry>.Empty, EquatableArray.Create(error));
    }

    /// <summary>Parses <paramref name="json"/>; <paramref name="path"/> is used in errors and entry locations.</summary>
    public static CatalogParseResult Parse(string json, string path)
    {
        path ??= string.Empty;
        var entries = new List<ModelEntry>();
        var errors = new List<CatalogError>();
        try
        {
            ParseDocument(json ?? string.Empty, path, entries, errors);
        }
        catch (Exception ex)
        {
            // Defensive: a bug here must not take down the compiler.
            errors.Add(new CatalogError("the model catalog could not be read (" + ex.GetType().Name + ": " + ex.Message + ")", path, 1, 1, 0, 0));
        }

        return new CatalogParseResult(path, entries.ToEquatableArray(), errors.ToEquatableArray());
    }

    private static void ParseDocument(string json, string path, List<ModelEntry> entries, List<CatalogError> errors)
    {
        JsonParseResult parsed = JsonReaderLite.Parse(json);
        if (parsed.Root is null)
        {
            JsonSyntaxError syntax = parsed.Error!;
            errors.Add(new CatalogError(
                "the model catalog is not valid JSON: " + syntax.Message,
                new CatalogLocation(path, syntax.Position.Line, syntax.Position.Column, syntax.Position.Offset, syntax.Length)));
            return;
        }

        if (parsed.Root is not JsonObject root)
        {
            errors.Add(new CatalogError(
                "the model catalog must be a JSON object like { \"models\": [ ... ] }, but is " + parsed.Root.KindDescription,
                CatalogLocation.Of(path, parsed.Root)));
            return;
        }

        JsonArray? models = null;
        foreach (JsonProperty property in root.Properties)
        {
            if (property.Name == "models")
            {
                if (property.Value is JsonArray array)
                {
                    models = array;
                }
                else
                {
                    errors.Add(new CatalogError("'models' must be an array of model objects, but is " + property.Value.KindDescription, CatalogLocation.Of(path, property.Value)));
                    return;
                }
            }
            else if (property.Name != "$schema")
            {
                errors.Add(new CatalogError("unknown top-level property '" + property.Name + "'; a catalog holds only 'models' (and optionally '$schema')", CatalogLocation.OfName(path, property)));
            }
        }

        if (models is null)
        {
            errors.Add(new CatalogError("the model catalog has no 'models' array; add \"models\": [ { \"id\": \"provider/model\", ... } ]", CatalogLocation.Of(path, root)));
            return;
        }

        var firstById = new Dictionary<string, ModelEntry>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < models.Items.Count; i++)
        {
            JsonNode item = models.Items[i];
            if (item is not JsonObject obj)
            {
                errors.Add(new CatalogError("models[" + i + "] must be a model object { \"id\": ..., ... }, but is " + item.KindDescription, CatalogLocation.Of(path, item)));
                continue;
            }

            ModelEntry? entry = new ModelEntryReader(path, i, obj, errors).Read();
            if (entry is null)
            {
                continue;
            }

            if (firstById.TryGetValue(entry.Id, out ModelEntry? first))
            {
                obj.TryGetProperty("id", out JsonProperty idProperty);
                errors.Add(new CatalogError(
                    "model '" + entry.Id + "' is listed twice (first at line " + first.Source.Line.ToString(CultureInfo.InvariantCulture) + "); remove one of them or give each a different id (ids are compared case-insensitively)",
                    CatalogLocation.Of(path, idProperty.Value)));
                continue;
            }

            firstById.Add(entry.Id, entry);
            entries.Add(entry);
        }
    }
}
