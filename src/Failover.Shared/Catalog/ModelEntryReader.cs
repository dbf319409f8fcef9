using System;
using System.Collections.Generic;
using System.Globalization;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>Reads and validates one model object of a catalog; used by <see cref="CatalogParser"/>.</summary>
internal sealed class ModelEntryReader
{
    private static readonly string[] EntryProperties = { "id", "provider", "contextWindow", "maxOutputTokens", "capabilities", "regions", "price", "tiers", "class", "lifecycle", "source" };
    private static readonly string[] PriceProperties = { "inputPerMillion", "outputPerMillion" };
    private static readonly string[] LifecycleProperties = { "status", "date", "replacement" };

    private readonly string _path;
    private readonly JsonObject _object;
    private readonly List<CatalogError> _errors;
    private string _label;
    private bool _bad;

    public ModelEntryReader(string path, int index, JsonObject obj, List<CatalogError> errors)
    {
        _path = path;
        _object = obj;
        _errors = errors;
        _label = "models[" + index.ToString(CultureInfo.InvariantCulture) + "]";
    }

    /// <summary>The entry, or <see langword="null"/> when it has an error that makes it unusable (already reported).</summary>
    public ModelEntry? Read()
    {
        if (!TryReadId(out string id, out string provider, out string name))
        {
            return null;
        }

        _label = "model '" + id + "'";
        ReportUnknownProperties(_object, EntryProperties, string.Empty);
        CheckProvider(provider);

        int contextWindow = ReadTokenCount(_object, "contextWindow", required: true, "context window") ?? 0;
        int? maxOutputTokens = ReadTokenCount(_object, "maxOutputTokens", required: false, "maximum output");
        ModelCapabilities capabilities = ReadCapabilities();
        EquatableArray<string> regions = ReadNames("regions");
        EquatableArray<string> tiers = ReadNames("tiers");
        ReadPrice(out PriceValue input, out PriceValue output);
        ReadLifecycle(id, out ModelLifecycle lifecycle, out string? date, out string? replacement);
        ModelClass modelClass = ReadClass();
        CheckSource();

        return _bad
            ? null
            : new ModelEntry(id, provider, name, contextWindow, maxOutputTokens, capabilities, regions, input.Value, output.Value, tiers, lifecycle, date, replacement, CatalogLocation.Of(_path, _object), modelClass)
            {
                InputPriceText = input.Text,
                OutputPriceText = output.Text,
            };
    }

    private bool TryReadId(out string id, out string provider, out string name)
    {
        id = provider = name = string.Empty;
        JsonNode? value = Get(_object, "id");
        if (value is null)
        {
            Error(_label + " has no 'id'; add an id such as \"openai/gpt-5-mini\"", _object);
            return false;
        }

        if (value is not JsonString text)
        {
            Error(_label + ": 'id' must be a string such as \"openai/gpt-5-mini\", but is " + value.KindDescription, value);
            return false;
        }

        id = text.Value;
        if (!ModelEntry.TrySplitId(id, out provider, out name))
        {
            Error("model id '" + id + "' must be 'provider/model' with both parts non-empty and no surrounding spaces, for example \"openai/gpt-5-mini\"", value);
            return false;
        }

        return true;
    }

    private void CheckProvider(string provider)
    {
        JsonNode? value = Get(_object, "provider");
        if (value is null)
        {
            return;
        }

        if (value is not JsonString text)
        {
            WrongType("provider", "a string", value);
        }
        else if (!string.Equals(text.Value, provider, StringComparison.OrdinalIgnoreCase))
        {
            Error(_label + " has 'provider' \"" + text.Value + "\" but its id names provider '" + provider + "'; remove 'provider' (the id prefix is the provider) or make them agree", value);
        }
    }

    // 'source' only matters to the catalog refresh (docs/catalog.md): "user" entries are never changed by it.
    private void CheckSource()
    {
        JsonNode? value = Get(_object, "source");
        if (value is JsonString text && text.Value != "user" && text.Value != "refresh")
        {
            Error(_label + " has an unknown 'source' \"" + text.Value + "\"; use \"user\" (the catalog refresh never changes the entry) or \"refresh\", or leave it out", value);
        }
        else if (value is not null and not JsonString)
        {
            WrongType("source", "\"user\" or \"refresh\"", value);
        }
    }

    private int? ReadTokenCount(JsonObject obj, string property, bool required, string what)
    {
        JsonNode? value = Get(obj, property);
        if (value is null)
        {
            if (required)
            {
                Error(_label + " has no '" + property + "'; add the most tokens the model accepts, for example \"" + property + "\": 128000", obj);
            }

            return null;
        }

        if (value is not JsonNumber number || !number.IsInteger)
        {
            WrongType(property, "a whole number of tokens", value);
            return null;
        }

        if (number.Value <= 0)
        {
            Error(_label + " has a non-positive " + what + " '" + property + "' (" + number.Text + "); it must be a whole number of tokens above zero, for example 128000", value);
            return null;
        }

        if (number.Value > int.MaxValue)
        {
            Error(_label + " has a " + what + " '" + property + "' (" + number.Text + ") larger than " + int.MaxValue.ToString(CultureInfo.InvariantCulture) + " tokens", value);
            return null;
        }

        return (int)number.Value;
    }

    private ModelCapabilities ReadCapabilities()
    {
        ModelCapabilities capabilities = ModelCapabilities.None;
        foreach (JsonString item in ReadStringArray("capabilities"))
        {
            if (CatalogNames.TryParseCapability(item.Value, out ModelCapabilities capability))
            {
                capabilities |= capability;
            }
            else
            {
                Error(_label + " has an unknown capability '" + item.Value + "'; known capabilities are tools, json, vision, streaming and prefill", item);
            }
        }

        return capabilities;
    }

    private ModelClass ReadClass()
    {
        JsonNode? value = Get(_object, "class");
        if (value is null)
        {
            return ModelClass.Unknown;
        }

        if (value is not JsonString text)
        {
            WrongType("class", "a string (" + ModelClasses.Names + ")", value);
            return ModelClass.Unknown;
        }

        if (!ModelClasses.TryParse(text.Value, out ModelClass modelClass))
        {
            Error(_label + " has an unknown class '" + text.Value + "'; use one of " + ModelClasses.Names + ", or remove 'class'", value);
        }

        return modelClass;
    }

    private EquatableArray<string> ReadNames(string property)
    {
        var names = new List<string>();
        foreach (JsonString item in ReadStringArray(property))
        {
            string name = item.Value.Trim().ToLowerInvariant();
            if (name.Length == 0)
            {
                Error(_label + " has an empty name in '" + property + "'; remove it", item);
            }
            else if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names.ToEquatableArray();
    }

    private List<JsonString> ReadStringArray(string property)
    {
        var items = new List<JsonString>();
        JsonNode? value = Get(_object, property);
        if (value is null)
        {
            return items;
        }

        if (value is not JsonArray array)
        {
            WrongType(property, "an array of strings", value);
            return items;
        }

        foreach (JsonNode item in array.Items)
        {
            if (item is JsonString text)
            {
                items.Add(text);
            }
            else
            {
                Error(_label + ": every item of '" + property + "' must be a string, but one is " + item.KindDescription, item);
            }
        }

        return items;
    }

    private void ReadPrice(out PriceValue input, out PriceValue output)
    {
        input = output = PriceValue.Zero;
        JsonNode? value = Get(_object, "price");
        if (value is null)
        {
            Error(_label + " has no 'price'; add \"price\": { \"inputPerMillion\": 0.25, \"outputPerMillion\": 2.0 } in US dollars per million tokens", _object);
            return;
        }

        if (value is not JsonObject price)
        {
            WrongType("price", "an object { \"inputPerMillion\": ..., \"outputPerMillion\": ... }", value);
            return;
        }

        ReportUnknownProperties(price, PriceProperties, "price.");
        input = ReadPriceValue(price, "inputPerMillion");
        output = ReadPriceValue(price, "outputPerMillion");
    }

    private PriceValue ReadPriceValue(JsonObject price, string property)
    {
        JsonNode? value = Get(price, property);
        if (value is null)
        {
            Error(_label + " has no 'price." + property + "'; add it in US dollars per million tokens, for example \"" + property + "\": 0.25", price);
            return PriceValue.Zero;
        }

        if (value is not JsonNumber number)
        {
            WrongType("price." + property, "a number of US dollars per million tokens", value);
            return PriceValue.Zero;
        }

        if (number.Value < 0 || number.Text.StartsWith("-", StringComparison.Ordinal))
        {
            Error(_label + " has a negative price '" + property + "' (" + number.Text + "); prices are US dollars per million tokens and must be zero or more", value);
            return PriceValue.Zero;
        }

        // The runtime carries prices as decimals: a price is read from its text straight into one (never via a double),
        // so what is embedded is what was written, and a price no decimal can hold is an error, not an overflow.
        if (!decimal.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact))
        {
            Error(_label + " has price '" + property + "' of " + number.Text + ", more than the largest price Failover can carry (" + decimal.MaxValue.ToString(CultureInfo.InvariantCulture) + "); write the price in US dollars per million tokens, for example 2.5", value);
            return PriceValue.Zero;
        }

        return new PriceValue(number.Value, exact.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A price as a number for comparisons and as the decimal text the generator embeds.</summary>
    private readonly struct PriceValue
    {
        public static readonly PriceValue Zero = new(0, "0");

        public PriceValue(double value, string text)
        {
            Value = value;
            Text = text;
        }

        public double Value { get; }

        public string Text { get; }
    }

    private void ReadLifecycle(string id, out ModelLifecycle lifecycle, out string? date, out string? replacement)
    {
        lifecycle = ModelLifecycle.Active;
        date = replacement = null;
        JsonNode? value = Get(_object, "lifecycle");
        if (value is null)
        {
            return;
        }

        if (value is not JsonObject obj)
        {
            WrongType("lifecycle", "an object { \"status\": ..., \"date\": ..., \"replacement\": ... }", value);
            return;
        }

        ReportUnknownProperties(obj, LifecycleProperties, "lifecycle.");
        JsonNode? status = Get(obj, "status");
        if (status is null)
        {
            Error(_label + " has no 'lifecycle.status'; add \"status\": \"active\", \"deprecated\" or \"disabled\"", obj);
        }
        else if (status is not JsonString statusText)
        {
            WrongType("lifecycle.status", "a string (\"active\", \"deprecated\" or \"disabled\")", status);
        }
        else if (!CatalogNames.TryParseLifecycle(statusText.Value, out lifecycle))
        {
            Error(_label + " has an unknown lifecycle status '" + statusText.Value + "'; use \"active\", \"deprecated\" or \"disabled\"", status);
        }

        JsonNode? dateValue = Get(obj, "date");
        if (dateValue is JsonString dateText)
        {
            if (DateTime.TryParseExact(dateText.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                date = dateText.Value;
            }
            else
            {
                Error(_label + " has an invalid lifecycle date '" + dateText.Value + "'; write it as yyyy-MM-dd, for example \"2026-10-01\"", dateValue);
            }
        }
        else if (dateValue is not null)
        {
            WrongType("lifecycle.date", "a date string in the form yyyy-MM-dd", dateValue);
        }
        else if (lifecycle == ModelLifecycle.Deprecated && status is JsonString)
        {
            Error(_label + " is deprecated but has no 'lifecycle.date'; add the date it stops working as yyyy-MM-dd, for example \"date\": \"2026-10-01\"", obj);
        }

        JsonNode? replacementValue = Get(obj, "replacement");
        if (replacementValue is JsonString replacementText)
        {
            if (!ModelEntry.TrySplitId(replacementText.Value, out _, out _))
            {
                Error(_label + " has replacement '" + replacementText.Value + "', which is not a 'provider/model' id; write a catalog id such as \"openai/gpt-5\"", replacementValue);
            }
            else if (string.Equals(replacementText.Value, id, StringComparison.OrdinalIgnoreCase))
            {
                Error(_label + " names itself as its replacement; name a different model or remove 'replacement'", replacementValue);
            }
            else
            {
                replacement = replacementText.Value;
            }
        }
        else if (replacementValue is not null)
        {
            WrongType("lifecycle.replacement", "a model id string such as \"openai/gpt-5\"", replacementValue);
        }
    }

    private void ReportUnknownProperties(JsonObject obj, string[] known, string prefix)
    {
        foreach (JsonProperty property in obj.Properties)
        {
            if (Array.IndexOf(known, property.Name) >= 0)
            {
                continue;
            }

            string? closest = StringDistance.Closest(property.Name, known, maxDistance: 3);
            string hint = closest is not null
                ? "did you mean '" + prefix + closest + "'?"
                : "known properties are " + string.Join(", ", known);
            // Reported, but the entry is kept: an unknown property does not make the known ones wrong.
            _errors.Add(new CatalogError(_label + " has an unknown property '" + prefix + property.Name + "'; " + hint, CatalogLocation.OfName(_path, property)));
        }
    }

    private void WrongType(string property, string expected, JsonNode value)
    {
        string actual = value is JsonNumber number ? "the number " + number.Text : value.KindDescription;
        Error(_label + ": '" + property + "' must be " + expected + ", but is " + actual, value);
    }

    private void Error(string message, JsonNode at) => Error(message, CatalogLocation.Of(_path, at));

    private void Error(string message, CatalogLocation at)
    {
        _errors.Add(new CatalogError(message, at));
        _bad = true;
    }

    private static JsonNode? Get(JsonObject obj, string name) =>
        obj.TryGetProperty(name, out JsonProperty property) && property.Value.Kind != JsonKind.Null ? property.Value : null;
}
