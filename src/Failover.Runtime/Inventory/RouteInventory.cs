using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
    public static string ToJson(IEnumerable<RouteDescriptor> routes) => ToJsonCore(routes, null, null, null);

    /// <summary>
    /// Renders routes and the model calls that bypass them side by side as indented JSON
    /// (<c>{ "routes": [ ... ], "unroutedCalls": [ ... ] }</c>); each route carries its last drill result when
    /// <paramref name="lastDrill"/> is given. With <paramref name="configuration"/> (the application's current options)
    /// each canary's share is the configured one where <c>Failover:Routes:{route}:CanaryPercent</c> sets it.
    /// </summary>
    public static string ToJson(IEnumerable<RouteDescriptor> routes, IEnumerable<UnroutedModelCall> unroutedCalls, DrillReport? lastDrill = null, FailoverOptions? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(unroutedCalls);
        return ToJsonCore(routes, unroutedCalls, lastDrill, configuration);
    }

    private static string ToJsonCore(IEnumerable<RouteDescriptor> routes, IEnumerable<UnroutedModelCall>? unroutedCalls, DrillReport? lastDrill, FailoverOptions? configuration)
    {
        var ordered = Order(routes);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("routes");
            foreach (var route in ordered)
            {
                WriteRoute(json, route, lastDrill, configuration);
            }

            json.WriteEndArray();
            if (unroutedCalls is not null)
            {
                json.WriteStartArray("unroutedCalls");
                foreach (var call in unroutedCalls)
                {
                    json.WriteStartObject();
                    json.WriteString("api", call.Api);
                    json.WriteString("file", call.File);
                    json.WriteNumber("line", call.Line);
                    json.WriteString("member", call.Member);
                    json.WriteString("assembly", call.Assembly);
                    json.WriteNull("owner");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Renders <paramref name="routes"/> as a Markdown table.</summary>
    public static string ToMarkdown(IEnumerable<RouteDescriptor> routes) => ToMarkdownCore(routes, null, null);

    /// <summary>
    /// Renders routes and the model calls that bypass them side by side as Markdown: the route table (with a
    /// "Last drill" column when <paramref name="lastDrill"/> is given), then a table of unrouted calls. With
    /// <paramref name="configuration"/> each canary's share is the configured one where configuration sets it.
    /// </summary>
    public static string ToMarkdown(IEnumerable<RouteDescriptor> routes, IEnumerable<UnroutedModelCall> unroutedCalls, DrillReport? lastDrill = null, FailoverOptions? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(unroutedCalls);
        var text = new StringBuilder(ToMarkdownCore(routes, lastDrill, configuration));
        var calls = unroutedCalls.ToList();
        text.Append("\n## Unrouted model calls\n\n");
        if (calls.Count == 0)
        {
            text.Append("None: every model call goes through a route.\n");
            return text.ToString();
        }

        text.Append(calls.Count).Append(" model call(s) bypass routes (FO118): no fallback, retry rule, owner or drill.\n\n");
        text.Append("| Call | Where | Member | Assembly | Owner | Tier | Criticality | Providers |\n");
        text.Append("|---|---|---|---|---|---|---|---|\n");
        foreach (var call in calls)
        {
            text.Append("| ").Append(Cell(call.Api))
                .Append(" | ").Append(Cell(call.File)).Append(':').Append(call.Line.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(Cell(call.Member))
                .Append(" | ").Append(Cell(call.Assembly))
                .Append(" | - | - | - | - |\n");
        }

        return text.ToString();
    }

    private static string ToMarkdownCore(IEnumerable<RouteDescriptor> routes, DrillReport? lastDrill, FailoverOptions? configuration)
    {
        var text = new StringBuilder();
        text.Append("| Route | Owner | Tier | Criticality | Primary | Fallbacks | Providers | Retry | Prices (USD per 1M tokens, in/out) | First-try share |")
            .Append(lastDrill is null ? "\n" : " Last drill |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|").Append(lastDrill is null ? "\n" : "---|\n");
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
                .Append(" | ").Append(Cell(ShareCell(route, configuration)))
                .Append(lastDrill is null ? string.Empty : " | " + Cell(LastDrillCell(lastDrill, route)))
                .Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes the inventory of <paramref name="routes"/>, or of every route in <see cref="FailoverClientRegistry.Routes"/>
    /// when null, to <paramref name="writer"/>. A sample app wires it to a flag:
    /// <c>dotnet run --project samples/SupportDesk -- --inventory</c>.
    /// </summary>
    public static Task WriteAsync(TextWriter writer, RouteInventoryFormat format = RouteInventoryFormat.Markdown, IEnumerable<RouteDescriptor>? routes = null, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(writer, format, routes, null, null, null, cancellationToken);

    /// <summary>
    /// Writes routes and unrouted model calls side by side (every registered unrouted call in
    /// <see cref="ModelCallInventory.UnroutedCalls"/> when <paramref name="unroutedCalls"/> is null), with each route's
    /// last drill result when <paramref name="lastDrill"/> is given.
    /// </summary>
    public static async Task WriteAsync(TextWriter writer, RouteInventoryFormat format, IEnumerable<RouteDescriptor>? routes, IEnumerable<UnroutedModelCall>? unroutedCalls, DrillReport? lastDrill = null, FailoverOptions? configuration = null, CancellationToken cancellationToken = default) =>
        await WriteCoreAsync(writer, format, routes, unroutedCalls ?? ModelCallInventory.UnroutedCalls, lastDrill, configuration, cancellationToken).ConfigureAwait(false);

    private static async Task WriteCoreAsync(TextWriter writer, RouteInventoryFormat format, IEnumerable<RouteDescriptor>? routes, IEnumerable<UnroutedModelCall>? unroutedCalls, DrillReport? lastDrill, FailoverOptions? configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        routes ??= FailoverClientRegistry.Routes;
        var text = unroutedCalls is null
            ? (format == RouteInventoryFormat.Json ? ToJson(routes) + "\n" : ToMarkdown(routes))
            : (format == RouteInventoryFormat.Json ? ToJson(routes, unroutedCalls, lastDrill, configuration) + "\n" : ToMarkdown(routes, unroutedCalls, lastDrill, configuration));
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

    private static void WriteRoute(Utf8JsonWriter json, RouteDescriptor route, DrillReport? lastDrill, FailoverOptions? configuration)
    {
        var (canaryShare, configured) = CanaryShare.Of(route, configuration);
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
            json.WriteNumber("share", model == route.Primary ? 100 - canaryShare : 0);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (route.Canary is { } canary)
        {
            // The share of calls that try the canary first; the primary gets the rest, fallbacks only what fails.
            json.WriteStartObject("canary");
            json.WriteString("id", canary.Model.Id);
            json.WriteString("provider", canary.Model.Provider);
            json.WriteNumber("share", canaryShare);
            json.WriteNumber("compiledShare", canary.Percent);
            json.WriteString("shareSource", configured ? "configuration" : "compiled");
            json.WriteEndObject();
        }

        if (lastDrill is not null)
        {
            json.WriteStartObject("lastDrill");
            var results = DrillResultsOf(lastDrill, route);
            json.WriteString("at", lastDrill.StartedAt);
            json.WriteNumber("models", results.Count);
            json.WriteNumber("passed", results.Count(static r => r.Passed));
            json.WriteStartArray("failed");
            foreach (var failed in results.Where(static r => !r.Passed))
            {
                json.WriteStartObject();
                json.WriteString("model", failed.Model);
                json.WriteString("role", failed.Role);
                WriteStringOrNull(json, "failure", failed.Failure);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Which model each call tries first: the primary, and the canary for its share (configured or compiled).</summary>
    private static string ShareCell(RouteDescriptor route, FailoverOptions? configuration)
    {
        var (share, configured) = CanaryShare.Of(route, configuration);
        if (route.Canary is not { } canary)
        {
            return $"{route.Primary.Id} 100%";
        }

        var source = configured ? $"configured, compiled {Percent(canary.Percent)}" : "compiled";
        return $"{route.Primary.Id} {Percent(100 - share)}; canary {canary.Model.Id} {Percent(share)} ({source})";
    }

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static List<DrillResult> DrillResultsOf(DrillReport report, RouteDescriptor route) =>
        report.Results.Where(r => string.Equals(r.Route, route.Name, StringComparison.OrdinalIgnoreCase)).ToList();

    private static string LastDrillCell(DrillReport report, RouteDescriptor route)
    {
        var results = DrillResultsOf(report, route);
        if (results.Count == 0)
        {
            return "not drilled";
        }

        var failed = results.Where(static r => !r.Passed).Select(static r => r.Model).ToList();
        return failed.Count == 0
            ? $"{results.Count}/{results.Count} answered"
            : $"FAILED {string.Join(", ", failed)} ({results.Count - failed.Count}/{results.Count} answered)";
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
