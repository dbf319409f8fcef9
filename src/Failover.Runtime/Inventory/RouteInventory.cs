using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Failover;

/// <summary>The formats <see cref="RouteInventory"/> renders.</summary>
public enum RouteInventoryFormat
{
    /// <summary>A Markdown table, one row per route.</summary>
    Markdown = 0,

    /// <summary>Indented JSON: <c>{ "routes": [ ... ] }</c>.</summary>
    Json,
}

/// <summary>
/// Renders the route inventory: every route with its owner, tier, criticality, chain, providers, retry rule and
/// prices. Routes are ordered by name (ordinal), models in chain order, so the output is deterministic and diffable.
/// Written without reflection, so it works under Native AOT.
/// </summary>
public static class RouteInventory
{
    /// <summary>Renders <paramref name="routes"/> as indented JSON.</summary>
    public static string ToJson(IEnumerable<RouteDescriptor> routes)
    {
        var ordered = Order(routes);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("routes");
            foreach (var route in ordered)
            {
                WriteRoute(json, route);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Renders <paramref name="routes"/> as a Markdown table.</summary>
    public static string ToMarkdown(IEnumerable<RouteDescriptor> routes)
    {
        var text = new StringBuilder();
        text.Append("| Route | Owner | Tier | Criticality | Primary | Fallbacks | Providers | Retry | Prices (USD per 1M tokens, in/out) |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|\n");
        foreach (var route in Order(routes))
        {
            var prices = new StringBuilder();
            foreach (var model in route.Chain)
            {
                if (prices.Length > 0)
                {
                    prices.Append("; ");
                }

                prices.Append(model.Id).Append(' ').Append(Price(model.InputPricePerMillion)).Append('/').Append(Price(model.OutputPricePerMillion));
            }

            text.Append("| ").Append(Cell(route.Name))
                .Append(" | ").Append(Cell(route.Owner ?? "-"))
                .Append(" | ").Append(route.Tier.ToString())
                .Append(" | ").Append(route.Criticality.ToString())
                .Append(" | ").Append(Cell(route.Primary.Id))
                .Append(" | ").Append(route.Fallbacks.Count == 0 ? "-" : Cell(string.Join(", ", Ids(route.Fallbacks))))
                .Append(" | ").Append(Cell(string.Join(", ", Providers(route))))
                .Append(" | ").Append(Cell(route.Retry.ToString()))
                .Append(" | ").Append(Cell(prices.ToString()))
                .Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes the inventory of <paramref name="routes"/>, or of every route in <see cref="FailoverClientRegistry.Routes"/>
    /// when null, to <paramref name="writer"/>. A sample app wires it to a flag:
    /// <c>dotnet run --project samples/SupportDesk -- --inventory</c>.
    /// </summary>
    public static async Task WriteAsync(TextWriter writer, RouteInventoryFormat format = RouteInventoryFormat.Markdown, IEnumerable<RouteDescriptor>? routes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        routes ??= FailoverClientRegistry.Routes;
        var text = format == RouteInventoryFormat.Json ? ToJson(routes) + "\n" : ToMarkdown(routes);
        await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<RouteDescriptor> Order(IEnumerable<RouteDescriptor> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var ordered = new List<RouteDescriptor>(routes);
        ordered.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Interface + "." + a.Method, b.Interface + "." + b.Method);
        });
        return ordered;
    }

    private static void WriteRoute(Utf8JsonWriter json, RouteDescriptor route)
    {
        json.WriteStartObject();
        json.WriteString("name", route.Name);
        json.WriteString("interface", route.Interface);
        json.WriteString("method", route.Method);
        WriteStringOrNull(json, "owner", route.Owner);
        json.WriteString("tier", route.Tier.ToString());
        json.WriteString("criticality", route.Criticality.ToString());
        json.WriteString("primary", route.Primary.Id);
        json.WriteStartArray("fallbacks");
        foreach (var fallback in route.Fallbacks)
        {
            json.WriteStringValue(fallback.Id);
        }

        json.WriteEndArray();
        json.WriteStartArray("providers");
        foreach (var provider in Providers(route))
        {
            json.WriteStringValue(provider);
        }

        json.WriteEndArray();
        json.WriteStartObject("retry");
        json.WriteNumber("maxAttempts", route.Retry.MaxAttempts);
        json.WriteNumber("baseDelayMs", (long)route.Retry.BaseDelay.TotalMilliseconds);
        json.WriteNumber("maxDelayMs", (long)route.Retry.MaxDelay.TotalMilliseconds);
        json.WriteBoolean("jitter", route.Retry.Jitter);
        json.WriteString("source", route.Retry.Source.ToString());
        json.WriteString("description", route.Retry.ToString());
        json.WriteEndObject();
        json.WriteStartArray("models");
        foreach (var model in route.Chain)
        {
            json.WriteStartObject();
            json.WriteString("id", model.Id);
            json.WriteString("provider", model.Provider);
            json.WriteNumber("contextWindow", model.ContextWindow);
            WriteNumberOrNull(json, "inputPricePerMillion", model.InputPricePerMillion);
            WriteNumberOrNull(json, "outputPricePerMillion", model.OutputPricePerMillion);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static List<string> Providers(RouteDescriptor route)
    {
        var providers = new List<string>(2);
        foreach (var model in route.Chain)
        {
            if (!providers.Exists(p => string.Equals(p, model.Provider, StringComparison.OrdinalIgnoreCase)))
            {
                providers.Add(model.Provider);
            }
        }

        return providers;
    }

    private static IEnumerable<string> Ids(IReadOnlyList<ModelTarget> models)
    {
        foreach (var model in models)
        {
            yield return model.Id;
        }
    }

    private static string Price(decimal? price) => price is { } p ? p.ToString(CultureInfo.InvariantCulture) : "?";

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
