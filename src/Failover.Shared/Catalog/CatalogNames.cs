using System;
using System.Collections.Generic;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>The spelling of capabilities and lifecycle statuses in catalog files.</summary>
internal static class CatalogNames
{
    /// <summary>The capability names in flag order.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, ModelCapabilities>> Capabilities = new[]
    {
        new KeyValuePair<string, ModelCapabilities>("tools", ModelCapabilities.Tools),
        new KeyValuePair<string, ModelCapabilities>("json", ModelCapabilities.Json),
        new KeyValuePair<string, ModelCapabilities>("vision", ModelCapabilities.Vision),
        new KeyValuePair<string, ModelCapabilities>("streaming", ModelCapabilities.Streaming),
        new KeyValuePair<string, ModelCapabilities>("prefill", ModelCapabilities.Prefill),
    };

    /// <summary>Finds a capability by its catalog name (case-insensitive).</summary>
    public static bool TryParseCapability(string name, out ModelCapabilities capability)
    {
        foreach (KeyValuePair<string, ModelCapabilities> pair in Capabilities)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                capability = pair.Value;
                return true;
            }
        }

        capability = ModelCapabilities.None;
        return false;
    }

    /// <summary>Finds a lifecycle status by its catalog name (case-insensitive).</summary>
    public static bool TryParseLifecycle(string name, out ModelLifecycle lifecycle)
    {
        switch (name.ToLowerInvariant())
        {
            case "active":
                lifecycle = ModelLifecycle.Active;
                return true;
            case "deprecated":
                lifecycle = ModelLifecycle.Deprecated;
                return true;
            case "disabled":
                lifecycle = ModelLifecycle.Disabled;
                return true;
            default:
                lifecycle = ModelLifecycle.Active;
                return false;
        }
    }

    /// <summary>The catalog spelling of capabilities, comma separated (<c>tools, json</c>), or <c>none</c>.</summary>
    public static string Format(ModelCapabilities capabilities)
    {
        var names = new List<string>();
        foreach (KeyValuePair<string, ModelCapabilities> pair in Capabilities)
        {
            if ((capabilities & pair.Value) != 0)
            {
                names.Add(pair.Key);
            }
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>The catalog spelling of a lifecycle status.</summary>
    public static string Format(ModelLifecycle lifecycle) => lifecycle switch
    {
        ModelLifecycle.Deprecated => "deprecated",
        ModelLifecycle.Disabled => "disabled",
        _ => "active",
    };
}
