using System;
using System.Linq;

namespace Failover.CodeAnalysis.Catalog.Tests;

/// <summary>Builds catalog documents with one model object per line, so positions are easy to state.</summary>
internal static class CatalogText
{
    /// <summary>The first model is on this line; each next model one line lower.</summary>
    public const int FirstModelLine = 3;

    /// <summary>Models are indented by four spaces, so their objects start at column 5.</summary>
    public const int Indent = 4;

    public static string Valid(string id = "openai/x", string extra = "") =>
        "{ \"id\": \"" + id + "\", \"contextWindow\": 1000, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 2 }" + extra + " }";

    public static string Document(params string[] models) =>
        "{\n  \"models\": [\n" + string.Join(",\n", models.Select(m => new string(' ', Indent) + m)) + "\n  ]\n}";

    /// <summary>The 1-based column of <paramref name="token"/> within the model line.</summary>
    public static int Column(string model, string token)
    {
        int index = model.IndexOf(token, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new ArgumentException("'" + token + "' is not in the model text");
        }

        return Indent + index + 1;
    }

    public static CatalogParseResult Parse(params string[] models) => CatalogParser.Parse(Document(models), "models.json");
}
