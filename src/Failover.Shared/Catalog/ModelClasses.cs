using System;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>The catalog spelling of <see cref="ModelClass"/> and the strength order the rules compare.</summary>
internal static class ModelClasses
{
    /// <summary>The class names a catalog file may use, weakest first.</summary>
    public const string Names = "local, small, standard, frontier";

    /// <summary>Finds a class by its catalog name (case-insensitive).</summary>
    public static bool TryParse(string name, out ModelClass modelClass)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "local": modelClass = ModelClass.Local; return true;
            case "small": modelClass = ModelClass.Small; return true;
            case "standard": modelClass = ModelClass.Standard; return true;
            case "frontier": modelClass = ModelClass.Frontier; return true;
            default: modelClass = ModelClass.Unknown; return false;
        }
    }

    /// <summary>The catalog spelling, or <c>unknown</c>.</summary>
    public static string Format(ModelClass modelClass) => modelClass switch
    {
        ModelClass.Local => "local",
        ModelClass.Small => "small",
        ModelClass.Standard => "standard",
        ModelClass.Frontier => "frontier",
        _ => "unknown",
    };

    /// <summary>
    /// Strength for comparisons: 0 unknown (never judged), 1 small or local (a local model is sized like a small
    /// hosted one; a bigger one can be declared <c>standard</c> in a user catalog), 2 standard, 3 frontier.
    /// </summary>
    public static int Strength(ModelClass modelClass) => modelClass switch
    {
        ModelClass.Local or ModelClass.Small => 1,
        ModelClass.Standard => 2,
        ModelClass.Frontier => 3,
        _ => 0,
    };

    /// <summary>
    /// The weakest class a model may have to serve a route of this catalog tier, or <see cref="ModelClass.Unknown"/>
    /// when the tier sets no floor: reasoning and generation need at least a standard model; classification,
    /// extraction and general accept any class.
    /// </summary>
    public static ModelClass FloorOf(string? tier) =>
        string.Equals(tier, "reasoning", StringComparison.OrdinalIgnoreCase) || string.Equals(tier, "generation", StringComparison.OrdinalIgnoreCase)
            ? ModelClass.Standard
            : ModelClass.Unknown;
}
