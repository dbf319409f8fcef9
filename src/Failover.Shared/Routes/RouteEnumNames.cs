using System;
using System.Collections.Generic;
using System.Linq;

namespace Failover.CodeAnalysis;

/// <summary>
/// The shared route enums (<see cref="RouteTier"/>, <see cref="Criticality"/>, <see cref="Capabilities"/>) as the parser
/// checks them and the emitter writes them: names come from the one definition, never from a copied list.
/// </summary>
internal static class RouteEnumNames
{
    private static readonly int CapabilityMask = Enum.GetValues(typeof(Capabilities)).Cast<int>().Aggregate(0, static (mask, bit) => mask | bit);

    public static string TierList { get; } = List<RouteTier>();

    public static string CriticalityList { get; } = List<Criticality>();

    public static string CapabilitiesList { get; } = List<Capabilities>(skipZero: true);

    public static bool IsTier(int value) => Enum.IsDefined(typeof(RouteTier), value);

    public static bool IsCriticality(int value) => Enum.IsDefined(typeof(Criticality), value);

    public static bool IsCapabilities(int value) => (value & ~CapabilityMask) == 0;

    /// <summary>C# for a value of the runtime's enum <paramref name="T"/>: its member, or a cast that always parses.</summary>
    public static string Expression<T>(int value)
        where T : struct, Enum =>
        Enum.IsDefined(typeof(T), value)
            ? $"global::Failover.{typeof(T).Name}.{Enum.GetName(typeof(T), value)}"
            : $"(global::Failover.{typeof(T).Name})({value})";

    /// <summary>C# for a combination of <see cref="Capabilities"/> flags (never empty for a non-zero value).</summary>
    public static string Flags(int value)
    {
        var parts = new List<string>();
        foreach (Capabilities flag in Enum.GetValues(typeof(Capabilities)))
        {
            var bit = (int)flag;
            if (bit != 0 && (value & bit) == bit)
            {
                parts.Add("global::Failover.Capabilities." + flag);
                value &= ~bit;
            }
        }

        if (value != 0)
        {
            parts.Add($"(global::Failover.Capabilities)({value})");
        }

        return string.Join(" | ", parts);
    }

    private static string List<T>(bool skipZero = false)
        where T : struct, Enum =>
        string.Join(", ", Enum.GetValues(typeof(T)).Cast<T>().Where(v => !skipZero || Convert.ToInt32(v) != 0).Select(static v => typeof(T).Name + "." + v));
}
