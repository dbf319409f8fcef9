using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Failover.CodeAnalysis.Catalog;

namespace Failover.Catalog;

/// <summary>
/// Writes a catalog in the layout of <c>models.default.json</c>: one property per line in a fixed order, short arrays and
/// objects on one line, so a refresh's diff shows only what changed. Top-level <c>//</c> comments before <c>"models"</c>
/// are kept; comments elsewhere are not (the refresh owns the layout).
/// </summary>
internal static class CatalogWriter
{
    public static string Write(IReadOnlyList<CatalogModel> models, IReadOnlyList<string> headerComments, string? schema)
    {
        var json = new StringBuilder();
        json.Append("{\n");
        foreach (string comment in headerComments)
        {
            json.Append("  ").Append(comment).Append('\n');
        }

        if (schema is not null)
        {
            json.Append("  \"$schema\": ").Append(Quote(schema)).Append(",\n");
        }

        json.Append("  \"models\": [");
        for (int i = 0; i < models.Count; i++)
        {
            json.Append(i == 0 ? "\n" : ",\n");
            WriteModel(json, models[i]);
        }

        json.Append(models.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
        return json.ToString();
    }

    private static void WriteModel(StringBuilder json, CatalogModel model)
    {
        var lines = new List<string> { "\"id\": " + Quote(model.Id), "\"contextWindow\": " + model.ContextWindow.ToString(CultureInfo.InvariantCulture) };
        if (model.MaxOutputTokens is { } maxOutput)
        {
            lines.Add("\"maxOutputTokens\": " + maxOutput.ToString(CultureInfo.InvariantCulture));
        }

        var capabilities = CatalogNames.Capabilities.Where(c => (model.Capabilities & c.Value) != 0).Select(c => c.Key).ToList();
        if (capabilities.Count > 0)
        {
            lines.Add("\"capabilities\": " + Array(capabilities));
        }

        if (model.Regions.Count > 0)
        {
            lines.Add("\"regions\": " + Array(model.Regions));
        }

        lines.Add("\"price\": { \"inputPerMillion\": " + Number(model.InputPerMillion) + ", \"outputPerMillion\": " + Number(model.OutputPerMillion) + " }");
        if (model.Tiers.Count > 0)
        {
            lines.Add("\"tiers\": " + Array(model.Tiers));
        }

        if (model.Class != ModelClass.Unknown)
        {
            lines.Add("\"class\": " + Quote(ModelClasses.Format(model.Class)));
        }

        if (model.HadLifecycle || model.Lifecycle != ModelLifecycle.Active || model.Replacement is not null)
        {
            var lifecycle = "\"lifecycle\": { \"status\": " + Quote(CatalogNames.Format(model.Lifecycle));
            if (model.LifecycleDate is not null)
            {
                lifecycle += ", \"date\": " + Quote(model.LifecycleDate);
            }

            if (model.Replacement is not null)
            {
                lifecycle += ", \"replacement\": " + Quote(model.Replacement);
            }

            lines.Add(lifecycle + " }");
        }

        if (model.Source is not null)
        {
            lines.Add("\"source\": " + Quote(model.Source));
        }

        json.Append("    {\n      ").Append(string.Join(",\n      ", lines)).Append("\n    }");
    }

    private static string Array(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
