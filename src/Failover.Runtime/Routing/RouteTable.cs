using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Reads the route table a generated route class carries as data: one string for all routes of an interface, parsed
/// once when the class is initialised (its <c>static readonly</c> fields), never per call. A row per route, fields
/// in a fixed order, so that the generated code compiles as one literal instead of an object initializer per route.
/// For generated code; not meant to be written by hand.
/// </summary>
/// <remarks>
/// Rows end with <c>'\n'</c>, fields with <c>'|'</c>, list items with <c>','</c>; a <c>'\'</c> makes the next
/// character literal. Fields, in order: name, method, models (indexes into the shared models; <c>*i</c> for an own copy of
/// model i, which a route that lists a model twice gets for its repeated use), retry (index into the shared rules,
/// empty for none), attempt timeout ms, total timeout ms, first-token timeout ms, stall timeout ms, stream recovery,
/// tier, owner, criticality, requires, minimum context tokens, region, fallback on content policy (<c>1</c>), hedge ms,
/// canary (<c>model;percent</c>), estimate context (<c>1</c>), prompt variants (a list). An empty field is the default
/// (no timeout, no owner...); a text field that is set starts with <c>'='</c>, so that an empty text is not a missing one.
/// Rows may stop before the last fields; missing ones are defaults.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RouteTable
{
    private const int FieldCount = 20;

    /// <summary>The routes of <paramref name="interfaceName"/> described by <paramref name="rows"/>.</summary>
    /// <param name="interfaceName">The full name of the declaring interface.</param>
    /// <param name="rows">The table (see the remarks of <see cref="RouteTable"/>).</param>
    /// <param name="models">The distinct models of the interface's routes.</param>
    /// <param name="retries">The distinct retry rules of the interface's routes.</param>
    /// <param name="options">Per row, the chat options sent with every request of the route; shorter than the rows, or null, when the last routes have none.</param>
    public static RouteDescriptor[] Read(string interfaceName, string rows, ModelTarget[] models, RetryRule[] retries, ChatOptions?[]? options = null)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(retries);
        var table = Split(rows, '\n');
        var routes = new RouteDescriptor[table.Count];
        for (var i = 0; i < routes.Length; i++)
        {
            var fields = Split(table[i], '|');
            if (fields.Count < 3 || fields.Count > FieldCount)
            {
                throw new FormatException($"Route table row {i} of {interfaceName} has {fields.Count} fields; regenerate the client (the table and Failover.Runtime are from different versions).");
            }

            routes[i] = Row(interfaceName, fields, models, retries, options is not null && i < options.Length ? options[i] : null);
        }

        return routes;
    }

    private static RouteDescriptor Row(string interfaceName, List<string> fields, ModelTarget[] models, RetryRule[] retries, ChatOptions? options)
    {
        string Field(int index) => index < fields.Count ? fields[index] : string.Empty;
        TimeSpan? Milliseconds(int index) => Field(index) is { Length: > 0 } text ? TimeSpan.FromMilliseconds(Number(text)) : null;
        string? Text(int index) => Field(index) is { Length: > 0 } text ? Unescape(text.Substring(1)) : null;
        bool Flag(int index) => Field(index) == "1";

        var chain = Split(Field(2), ',');
        var fallbacks = chain.Count > 1 ? new ModelTarget[chain.Count - 1] : Array.Empty<ModelTarget>();
        for (var i = 0; i < fallbacks.Length; i++)
        {
            fallbacks[i] = Model(chain[i + 1], models);
        }

        var canary = Field(17) is { Length: > 0 } canaryText && canaryText.IndexOf(';') is var semicolon and > 0
            ? new CanaryRule(Model(canaryText.Substring(0, semicolon), models), double.Parse(canaryText.Substring(semicolon + 1), NumberStyles.Float, CultureInfo.InvariantCulture))
            : null;
        return new RouteDescriptor
        {
            Name = Unescape(fields[0]),
            Interface = interfaceName,
            Method = Unescape(fields[1]),
            Primary = Model(chain[0], models),
            Fallbacks = fallbacks,
            Retry = Field(3) is { Length: > 0 } retry ? retries[Number(retry)] : RetryRule.None,
            AttemptTimeout = Milliseconds(4),
            TotalTimeout = Milliseconds(5),
            FirstTokenTimeout = Milliseconds(6),
            StallTimeout = Milliseconds(7),
            StreamRecovery = (StreamRecovery)Number(Field(8)),
            Tier = (RouteTier)Number(Field(9)),
            Owner = Text(10),
            Criticality = Field(11) is { Length: > 0 } criticality ? (Criticality)Number(criticality) : Criticality.Normal,
            Requires = (Capabilities)Number(Field(12)),
            MinContextTokens = Number(Field(13)),
            Region = Text(14),
            FallbackOnContentPolicy = Flag(15),
            Options = options,
            Hedge = Milliseconds(16),
            Canary = canary,
            EstimateContext = Flag(18),
            PromptVariants = Field(19) is { Length: > 0 } variants ? Split(variants, ',').ConvertAll(static v => Unescape(v.Substring(1))).ToArray() : Array.Empty<string>(),
        };
    }

    /// <summary>A shared model, or an own copy of it (<c>*i</c>): the engine tells a call's attempts apart by their target.</summary>
    private static ModelTarget Model(string reference, ModelTarget[] models)
    {
        if (reference.Length > 0 && reference[0] == '*')
        {
            var shared = models[Number(reference.Substring(1))];
            return new ModelTarget(shared.Id, shared.ContextWindow, shared.InputPricePerMillion, shared.OutputPricePerMillion, shared.AcceptsPrefill);
        }

        return models[Number(reference)];
    }

    private static int Number(string text) => text.Length == 0 ? 0 : int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>The text of a field with its escapes removed.</summary>
    private static string Unescape(string text)
    {
        if (text.IndexOf('\\') < 0)
        {
            return text;
        }

        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            plain.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
        }

        return plain.ToString();
    }

    /// <summary>Splits on <paramref name="separator"/>, skipping escaped ones (the escapes stay, for <see cref="Unescape"/>); an empty text is no item.</summary>
    private static List<string> Split(string text, char separator)
    {
        var items = new List<string>();
        if (text.Length == 0)
        {
            return items;
        }

        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                // Kept escaped until the innermost split: a field's list items may hold escaped separators of their own.
                current.Append(c).Append(text[++i]);
            }
            else if (c == separator)
            {
                items.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        items.Add(current.ToString());
        return items;
    }
}
