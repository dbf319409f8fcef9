using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace Failover.CodeAnalysis;

/// <summary>
/// Writes a route's <c>[ChatDefaults]</c> as a <c>ChatOptions</c> expression for its descriptor's <c>Options</c>. The
/// engine merges a call's own options over these (<c>CallOptions.Merge</c>), so nothing else is emitted per call.
/// </summary>
internal static class ChatDefaultsExpression
{
    private const string ChatOptions = "global::Microsoft.Extensions.AI.ChatOptions";

    public static string New(ChatDefaultsModel defaults)
    {
        var members = new List<string>();
        Add(members, "Temperature", defaults.Temperature);
        if (defaults.MaxOutputTokens is { } max)
        {
            members.Add("MaxOutputTokens = " + max.ToString(CultureInfo.InvariantCulture));
        }

        Add(members, "TopP", defaults.TopP);
        if (defaults.TopK is { } k)
        {
            members.Add("TopK = " + k.ToString(CultureInfo.InvariantCulture));
        }

        Add(members, "FrequencyPenalty", defaults.FrequencyPenalty);
        Add(members, "PresencePenalty", defaults.PresencePenalty);
        if (defaults.Seed is { } seed)
        {
            members.Add("Seed = " + seed.ToString(CultureInfo.InvariantCulture) + "L");
        }

        if (defaults.Stop.Count > 0)
        {
            // A list, not an array: middleware may add to the options it is given.
            members.Add("StopSequences = new global::System.Collections.Generic.List<string> { " + string.Join(", ", defaults.Stop.Select(static s => SymbolDisplay.FormatLiteral(s, quote: true))) + " }");
        }

        if (defaults.ResponseFormat is 1 or 2)
        {
            members.Add("ResponseFormat = global::Microsoft.Extensions.AI.ChatResponseFormat." + (defaults.ResponseFormat == 1 ? "Text" : "Json"));
        }

        return members.Count == 0 ? $"new {ChatOptions}()" : $"new {ChatOptions} {{ {string.Join(", ", members)} }}";
    }

    /// <summary>ChatOptions' sampling settings are floats; the attribute takes doubles so that <c>Temperature = 0.2</c> compiles.</summary>
    private static void Add(List<string> members, string name, double? value)
    {
        if (value is { } v)
        {
            members.Add(name + " = " + ((float)v).ToString("R", CultureInfo.InvariantCulture) + "f");
        }
    }
}
