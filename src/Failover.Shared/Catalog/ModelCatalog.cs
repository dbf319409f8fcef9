using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>
/// The models routes are judged against: the built-in catalog merged with user catalog files.
/// Ids are compared case-insensitively. Immutable and equatable (by entries and errors).
/// </summary>
internal sealed class ModelCatalog : IEquatable<ModelCatalog>
{
    private readonly Dictionary<string, ModelEntry> _byId;

    private ModelCatalog(EquatableArray<ModelEntry> entries, EquatableArray<CatalogError> errors)
    {
        Entries = entries;
        Errors = errors;
        _byId = new Dictionary<string, ModelEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (ModelEntry entry in entries)
        {
            _byId[entry.Id] = entry;
        }

        Providers = entries.Select(e => e.Provider.ToLowerInvariant()).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>A catalog with no models and no errors.</summary>
    public static ModelCatalog Empty { get; } = new(EquatableArray<ModelEntry>.Empty, EquatableArray<CatalogError>.Empty);

    /// <summary>Every model, ordered by id (case-insensitive, then ordinal).</summary>
    public EquatableArray<ModelEntry> Entries { get; }

    /// <summary>Every problem found in the files the catalog was built from, in file order.</summary>
    public EquatableArray<CatalogError> Errors { get; }

    /// <summary>The lower-case providers that have at least one model, ordered.</summary>
    public EquatableArray<string> Providers { get; }

    /// <summary>
    /// Merges <paramref name="builtIn"/> with <paramref name="userFiles"/>: a user entry with the id of a built-in one
    /// replaces it whole; other user entries are added. An id defined in two user files is an error; the first is kept.
    /// A <c>replacement</c> that names no model of the merged catalog is an error (the entry is kept).
    /// </summary>
    public static ModelCatalog Create(CatalogParseResult builtIn, IEnumerable<CatalogParseResult>? userFiles = null)
    {
        var errors = new List<CatalogError>(builtIn.Errors);
        var merged = new Dictionary<string, ModelEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (ModelEntry entry in builtIn.Entries)
        {
            merged[entry.Id] = entry;
        }

        var fromUser = new Dictionary<string, ModelEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (CatalogParseResult file in userFiles ?? Enumerable.Empty<CatalogParseResult>())
        {
            errors.AddRange(file.Errors);
            foreach (ModelEntry entry in file.Entries)
            {
                if (fromUser.TryGetValue(entry.Id, out ModelEntry? first))
                {
                    errors.Add(new CatalogError(
                        "model '" + entry.Id + "' is also defined in '" + first.Source.Path + "' (line " + first.Source.Line.ToString(CultureInfo.InvariantCulture) + "); define each model in one catalog file only",
                        entry.Source));
                    continue;
                }

                fromUser[entry.Id] = entry;
                merged[entry.Id] = entry;
            }
        }

        foreach (ModelEntry entry in merged.Values.OrderBy(e => e.Source.Path, StringComparer.Ordinal).ThenBy(e => e.Source.Offset))
        {
            if (entry.Replacement is not null && !merged.ContainsKey(entry.Replacement))
            {
                errors.Add(new CatalogError(
                    "model '" + entry.Id + "' names replacement '" + entry.Replacement + "', which is not in the model catalog; use the id of a catalog model or remove 'replacement'",
                    entry.Source));
            }
        }

        return Create(merged.Values, errors);
    }

    /// <summary>A catalog of exactly these entries (the last of equal ids wins) and errors; no validation.</summary>
    public static ModelCatalog Create(IEnumerable<ModelEntry> entries, IEnumerable<CatalogError>? errors = null)
    {
        var byId = new Dictionary<string, ModelEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (ModelEntry entry in entries)
        {
            byId[entry.Id] = entry;
        }

        EquatableArray<ModelEntry> ordered = byId.Values
            .OrderBy(e => e.Id, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToEquatableArray();
        return new ModelCatalog(ordered, (errors ?? Enumerable.Empty<CatalogError>()).ToEquatableArray());
    }

    /// <summary>The model with this id (case-insensitive), or <see langword="null"/>.</summary>
    public ModelEntry? Find(string id) => id is not null && _byId.TryGetValue(id, out ModelEntry? entry) ? entry : null;

    /// <summary>Finds the model with this id (case-insensitive).</summary>
    public bool TryGet(string id, out ModelEntry entry)
    {
        entry = Find(id)!;
        return entry is not null;
    }

    /// <summary>Whether a model has this id (case-insensitive).</summary>
    public bool Contains(string id) => Find(id) is not null;

    /// <summary>The models of a provider (case-insensitive), ordered by id.</summary>
    public EquatableArray<ModelEntry> GetByProvider(string provider) =>
        Entries.Where(e => string.Equals(e.Provider, provider, StringComparison.OrdinalIgnoreCase)).ToEquatableArray();

    /// <summary>
    /// A "did you mean" id for an id that is not in the catalog, or <see langword="null"/> when it is (or nothing is close).
    /// Tries, in order: a missing provider prefix (<c>gpt-5-mini</c> → <c>openai/gpt-5-mini</c>), the same model under
    /// another provider, then the closest id by edit distance on the whole id or on the model part.
    /// </summary>
    public string? SuggestId(string unknownId)
    {
        if (string.IsNullOrWhiteSpace(unknownId) || Contains(unknownId))
        {
            return null;
        }

        string trimmed = unknownId.Trim();
        if (Contains(trimmed))
        {
            return Find(trimmed)!.Id;
        }

        bool hasProvider = ModelEntry.TrySplitId(trimmed, out _, out string name);
        ModelEntry? sameName = Entries.FirstOrDefault(e => string.Equals(e.Name, hasProvider ? name : trimmed, StringComparison.OrdinalIgnoreCase));
        if (sameName is not null)
        {
            return sameName.Id;
        }

        ModelEntry? best = null;
        int bestDistance = int.MaxValue;
        foreach (ModelEntry entry in Entries)
        {
            int distance = hasProvider
                ? Math.Min(
                    WithinTolerance(trimmed, entry.Id),
                    string.Equals(ProviderOf(trimmed), entry.Provider, StringComparison.OrdinalIgnoreCase) ? WithinTolerance(name, entry.Name) : int.MaxValue)
                : WithinTolerance(trimmed, entry.Name);
            if (distance < bestDistance)
            {
                best = entry;
                bestDistance = distance;
            }
        }

        return best?.Id;
    }

    /// <inheritdoc/>
    public bool Equals(ModelCatalog? other) => other is not null && Entries.Equals(other.Entries) && Errors.Equals(other.Errors);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ModelCatalog);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((Entries.GetHashCode() * 397) ^ Errors.GetHashCode());

    private static string ProviderOf(string id)
    {
        int slash = id.IndexOf('/');
        return slash > 0 ? id.Substring(0, slash) : string.Empty;
    }

    private static int WithinTolerance(string value, string candidate)
    {
        int distance = StringDistance.Damerau(value, candidate);
        return distance <= StringDistance.Tolerance(Math.Min(value.Length, candidate.Length)) ? distance : int.MaxValue;
    }
}
