using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Failover.CodeAnalysis.Catalog;

namespace Failover.Catalog;

/// <summary>
/// Merges provider lists and LiteLLM prices into catalog entries. Precedence, field by field: an entry marked
/// <c>"source": "user"</c> is never changed; otherwise a provider's own list wins over the price file, which wins over the
/// file; a field no source produces (regions, tiers, replacement, anything a source is silent on) keeps the file's value.
/// A model of a refreshed provider that its list no longer has is retired (disabled, today); a model listed that the
/// file and the built-in catalog do not have is added when its context window and prices are known.
/// </summary>
internal static partial class CatalogMerger
{
    /// <summary>The merged entries (file order, new ones after, by id) and the changes.</summary>
    internal sealed record Result(IReadOnlyList<CatalogModel> Models, IReadOnlyList<CatalogChange> Changes);

    public static Result Merge(
        IReadOnlyList<CatalogModel> existing,
        IEnumerable<string> builtInIds,
        IReadOnlyList<ProviderModelList> lists,
        IReadOnlyDictionary<string, ProviderFacts>? prices,
        DateOnly today)
    {
        string todayText = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var listed = lists.ToDictionary(l => l.CatalogProvider, l => new Lookup(l.Models, l.Source), StringComparer.OrdinalIgnoreCase);
        var priceLookup = new Lookup(prices?.Values ?? Enumerable.Empty<ProviderFacts>());
        var changes = new List<CatalogChange>();
        var models = new List<CatalogModel>();
        foreach (CatalogModel model in existing)
        {
            bool refreshed = listed.TryGetValue(model.Provider, out Lookup? list);
            ProviderFacts? fromList = list?.Find(model.Id);
            ProviderFacts? facts = fromList is not null ? fromList.Over(priceLookup.Find(model.Id)) : priceLookup.Find(model.Id);
            CatalogModel updated = model.Clone();
            var modelChanges = new List<CatalogChange>();
            Apply(updated, facts, refreshed && fromList is null ? list!.Source : null, refreshed && fromList is not null, todayText, modelChanges);
            if (model.IsUserOwned)
            {
                // The user's entry wins whole; say what the providers now claim, so a stale override is noticed.
                changes.AddRange(modelChanges.Select(c => new CatalogChange(CatalogChangeKind.KeptUser, c.Id, "source: user; the refresh would set " + c.Label + ": " + c.Detail)));
                models.Add(model);
            }
            else
            {
                changes.AddRange(modelChanges);
                models.Add(updated);
            }
        }

        var known = new HashSet<string>(existing.Select(m => m.Id).Concat(builtInIds), StringComparer.OrdinalIgnoreCase);
        var knownBases = new HashSet<string>(known.Select(Base), StringComparer.OrdinalIgnoreCase);
        var notAdded = new List<string>();
        foreach (ProviderModelList list in lists)
        {
            var listedIds = new HashSet<string>(list.Models.Select(m => m.Id), StringComparer.OrdinalIgnoreCase);
            foreach (ProviderFacts listedModel in list.Models.OrderBy(m => m.Id, StringComparer.Ordinal))
            {
                string id = listedModel.Id;
                // A dated snapshot (claude-sonnet-4-5-20250929) of a known or also-listed alias is not a new model.
                if (known.Contains(id) || knownBases.Contains(id) || known.Contains(Base(id)) || (Base(id) != id && listedIds.Contains(Base(id))))
                {
                    continue;
                }

                ProviderFacts facts = listedModel.Over(priceLookup.Find(id));
                if (!facts.IsChat || (facts.ShutdownDate is { } shutdown && string.CompareOrdinal(shutdown, todayText) <= 0))
                {
                    continue;
                }

                if (facts.ContextWindow is not { } window || facts.InputPerMillion is not { } input || facts.OutputPerMillion is not { } output)
                {
                    notAdded.Add(id);
                    continue;
                }

                bool streams = (facts.Reported & ModelCapabilities.Streaming) == 0 || (facts.Supported & ModelCapabilities.Streaming) != 0;
                var added = new CatalogModel
                {
                    Id = id,
                    ContextWindow = window,
                    MaxOutputTokens = facts.MaxOutputTokens,
                    Capabilities = (facts.Supported & ~ModelCapabilities.Streaming) | (streams ? ModelCapabilities.Streaming : ModelCapabilities.None),
                    InputPerMillion = input,
                    OutputPerMillion = output,
                    Lifecycle = facts.ShutdownDate is null ? ModelLifecycle.Active : ModelLifecycle.Deprecated,
                    LifecycleDate = facts.ShutdownDate,
                    HadLifecycle = true,
                };
                models.Add(added);
                known.Add(id);
                changes.Add(new CatalogChange(
                    CatalogChangeKind.New,
                    id,
                    Tokens(window) + " tokens, " + Price(input, output) + ", " + CatalogNames.Format(added.Capabilities) + (added.LifecycleDate is null ? string.Empty : ", deprecated " + added.LifecycleDate)));
            }
        }

        if (notAdded.Count > 0)
        {
            changes.Add(new CatalogChange(
                CatalogChangeKind.NotAdded,
                notAdded.Count + " listed model(s)",
                "no context window or price known (pass --litellm with a price file that has them): " + string.Join(", ", notAdded.Take(10)) + (notAdded.Count > 10 ? ", ..." : string.Empty)));
        }

        return new Result(models, changes.OrderBy(c => c.Kind).ThenBy(c => c.Id, StringComparer.OrdinalIgnoreCase).ToList());
    }

    private static void Apply(CatalogModel model, ProviderFacts? facts, string? unlistedBy, bool listed, string today, List<CatalogChange> changes)
    {
        if (facts is not null)
        {
            if (facts.ContextWindow is { } window && window != model.ContextWindow)
            {
                changes.Add(new CatalogChange(CatalogChangeKind.Window, model.Id, Tokens(model.ContextWindow) + " -> " + Tokens(window) + " tokens"));
                model.ContextWindow = window;
            }

            if (facts.MaxOutputTokens is { } maxOutput && maxOutput != model.MaxOutputTokens)
            {
                changes.Add(new CatalogChange(CatalogChangeKind.MaxOutput, model.Id, (model.MaxOutputTokens is { } old ? Tokens(old) : "none") + " -> " + Tokens(maxOutput) + " tokens"));
                model.MaxOutputTokens = maxOutput;
            }

            ModelCapabilities capabilities = (model.Capabilities & ~facts.Reported) | facts.Supported;
            if (capabilities != model.Capabilities)
            {
                changes.Add(new CatalogChange(CatalogChangeKind.Capabilities, model.Id, CatalogNames.Format(model.Capabilities) + " -> " + CatalogNames.Format(capabilities)));
                model.Capabilities = capabilities;
            }

            double input = facts.InputPerMillion ?? model.InputPerMillion, output = facts.OutputPerMillion ?? model.OutputPerMillion;
            if (Math.Abs(input - model.InputPerMillion) > 1e-9 || Math.Abs(output - model.OutputPerMillion) > 1e-9)
            {
                changes.Add(new CatalogChange(CatalogChangeKind.Price, model.Id, Price(model.InputPerMillion, model.OutputPerMillion) + " -> " + Price(input, output) + " per 1M tokens"));
                model.InputPerMillion = input;
                model.OutputPerMillion = output;
            }

            if (facts.ShutdownDate is { } date && model.Lifecycle != ModelLifecycle.Disabled)
            {
                // A past shutdown day retires the model, unless its provider's own list still has it (then it is still served).
                if (string.CompareOrdinal(date, today) <= 0 && !listed)
                {
                    Retire(model, date, "stopped on " + date + " (price file)", changes);
                }
                else if (model.Lifecycle == ModelLifecycle.Active || model.LifecycleDate != date)
                {
                    changes.Add(new CatalogChange(CatalogChangeKind.Deprecated, model.Id, "stops on " + date + (model.Lifecycle == ModelLifecycle.Deprecated ? " (was " + model.LifecycleDate + ")" : string.Empty)));
                    model.Lifecycle = ModelLifecycle.Deprecated;
                    model.LifecycleDate = date;
                }
            }
        }

        if (unlistedBy is not null && model.Lifecycle != ModelLifecycle.Disabled)
        {
            Retire(model, today, "no longer listed by " + unlistedBy + "; disabled as of " + today, changes);
        }
    }

    private static void Retire(CatalogModel model, string date, string why, List<CatalogChange> changes)
    {
        changes.Add(new CatalogChange(CatalogChangeKind.Retired, model.Id, why + (model.Replacement is null ? string.Empty : "; move to " + model.Replacement)));
        model.Lifecycle = ModelLifecycle.Disabled;
        model.LifecycleDate = date;
    }

    /// <summary>The id without a snapshot suffix: <c>-20250929</c>, <c>-2024-08-06</c> or Gemini's <c>-001</c>.</summary>
    internal static string Base(string id) => SnapshotSuffix().Replace(id, string.Empty);

    private static string Tokens(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Price(double input, double output) =>
        "$" + input.ToString(CultureInfo.InvariantCulture) + " / $" + output.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2}|\d{3})$")]
    private static partial Regex SnapshotSuffix();

    /// <summary>Finds facts by exact id, else by the latest dated snapshot of that id.</summary>
    private sealed class Lookup
    {
        private readonly Dictionary<string, ProviderFacts> _exact = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ProviderFacts> _byBase = new(StringComparer.OrdinalIgnoreCase);

        public Lookup(IEnumerable<ProviderFacts> facts)
        {
            foreach (ProviderFacts f in facts.OrderBy(f => f.Id, StringComparer.Ordinal))
            {
                _exact.TryAdd(f.Id, f);
                string b = Base(f.Id);
                if (b != f.Id)
                {
                    _byBase[b] = f; // ordinal order: the latest snapshot wins
                }
            }

            Source = string.Empty;
        }

        public Lookup(IReadOnlyList<ProviderFacts> facts, string source)
            : this(facts)
        {
            Source = source;
        }

        public string Source { get; }

        public ProviderFacts? Find(string id) => _exact.TryGetValue(id, out ProviderFacts? f) ? f : _byBase.TryGetValue(id, out f) ? f : null;
    }
}
