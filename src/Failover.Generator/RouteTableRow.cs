using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Failover.CodeAnalysis;

/// <summary>
/// One route as a row of the generated route table, in the format <c>Failover.RouteTable.Read</c> parses (see its
/// remarks): fields separated by <c>'|'</c>, defaults left empty, trailing empty fields dropped, and every
/// <c>'\'</c>, <c>'|'</c>, <c>','</c> and line break of a text escaped with <c>'\'</c>.
/// </summary>
internal static class RouteTableRow
{
    /// <summary>The row of <paramref name="route"/>; <paramref name="model"/> gives a model's reference (<c>i</c> or <c>*i</c>), <paramref name="retry"/> the index of its retry rule.</summary>
    public static string Of(RouteModel route, Func<string, string> model, int retry)
    {
        var chain = new[] { route.Primary.Id }.Concat(route.Fallbacks.Select(static f => f.Id)).Select(model).ToList();
        var features = route.Features;
        var stream = route.Stream;
        var fields = new List<string>
        {
            Escape(route.RouteName),
            Escape(route.MethodName),
            string.Join(",", chain),
            route.Retry.Source == 0 ? string.Empty : Number(retry),
            Number(route.AttemptTimeoutMs),
            Number(route.TotalTimeoutMs),
            Number(stream?.FirstTokenTimeoutMs),
            Number(stream?.StallTimeoutMs),
            NonZero(stream?.StreamRecovery ?? 0),
            NonZero(route.Tier),
            Text(route.Owner),
            Number(route.Criticality),
            NonZero(route.Requires),
            NonZero(route.MinContextTokens),
            Text(route.Region),
            route.FallbackOnContentPolicy ? "1" : string.Empty,
            Number(features?.HedgeMs),
            features?.CanaryModel is { } canary ? model(canary.Id) + ";" + features.CanaryPercent.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
            features?.EstimateContext == true ? "1" : string.Empty,
            string.Join(",", route.PromptVariants.Select(static v => Text(v.For))),
        };
        while (fields.Count > 3 && fields[fields.Count - 1].Length == 0)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        return string.Join("|", fields);
    }

    private static string Number(int? value) => value is { } number ? number.ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static string NonZero(int value) => value == 0 ? string.Empty : Number(value);

    /// <summary>A text field: empty when absent, else '=' and the escaped text (so that an empty text is not an absent one).</summary>
    private static string Text(string? value) => value is null ? string.Empty : "=" + Escape(value);

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '|' or ',' or '\n')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
