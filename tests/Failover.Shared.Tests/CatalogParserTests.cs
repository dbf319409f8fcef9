using System.Linq;
using Xunit;

namespace Failover.CodeAnalysis.Catalog.Tests;

public class CatalogParserTests
{
    [Fact]
    public void Reads_every_field()
    {
        string model = "{ \"id\": \"openai/gpt-5-mini\", \"contextWindow\": 400000, \"maxOutputTokens\": 128000, \"capabilities\": [\"tools\",\"JSON\",\"vision\",\"streaming\"], "
            + "\"regions\": [\"US\",\"eu\"], \"price\": { \"inputPerMillion\": 0.25, \"outputPerMillion\": 2.0 }, \"tiers\": [\"classification\",\"extraction\"], "
            + "\"lifecycle\": { \"status\": \"deprecated\", \"date\": \"2026-10-01\", \"replacement\": \"openai/gpt-5\" } }";
        CatalogParseResult result = CatalogText.Parse(model, CatalogText.Valid("openai/gpt-5"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        ModelEntry entry = result.Entries[0];
        Assert.Equal("openai/gpt-5-mini", entry.Id);
        Assert.Equal("openai", entry.Provider);
        Assert.Equal("gpt-5-mini", entry.Name);
        Assert.Equal(400000, entry.ContextWindow);
        Assert.Equal(128000, entry.MaxOutputTokens);
        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.Json | ModelCapabilities.Vision | ModelCapabilities.Streaming, entry.Capabilities);
        Assert.Equal(new[] { "us", "eu" }, entry.Regions);
        Assert.Equal(0.25, entry.InputPerMillion);
        Assert.Equal(2.0, entry.OutputPerMillion);
        Assert.Equal(new[] { "classification", "extraction" }, entry.Tiers);
        Assert.Equal(ModelLifecycle.Deprecated, entry.Lifecycle);
        Assert.Equal("2026-10-01", entry.LifecycleDate);
        Assert.Equal("openai/gpt-5", entry.Replacement);
        Assert.Equal(new CatalogLocation("models.json", 3, 5, entry.Source.Offset, model.Length), entry.Source);

        ModelEntry minimal = result.Entries[1];
        Assert.Equal(ModelCapabilities.None, minimal.Capabilities);
        Assert.Null(minimal.MaxOutputTokens);
        Assert.Empty(minimal.Regions);
        Assert.Equal(ModelLifecycle.Active, minimal.Lifecycle);
        Assert.Null(minimal.LifecycleDate);
        Assert.Equal(4, minimal.Source.Line);
    }

    [Fact]
    public void Parsing_twice_gives_equal_results()
    {
        string text = CatalogText.Document(CatalogText.Valid("openai/a", ", \"regions\": [\"us\"]"), CatalogText.Valid("google/b"));
        Assert.Equal(CatalogParser.Parse(text, "m.json"), CatalogParser.Parse(text, "m.json"));
        Assert.Equal(CatalogParser.Parse(text, "m.json").GetHashCode(), CatalogParser.Parse(text, "m.json").GetHashCode());
    }

    [Fact]
    public void Formats_errors_like_the_compiler()
    {
        string text = "{\n  \"models\": [\n    {\n      \"id\": \"openai/gpt-5\",\n      \"contextWindow\": 400000,\n"
            + "      \"capabilities\": [\"tools\"],\n      \"regions\": [\"us\"],\n      \"tiers\": [\"general\"],\n"
            + "      \"price\": {\n        \"outputPerMillion\": 10,\n        \"inputPerMillion\":\n      -1\n      }\n    }\n  ]\n}";
        CatalogParseResult result = CatalogParser.Parse(text, "models.json");

        CatalogError error = Assert.Single(result.Errors);
        Assert.Equal(
            "models.json(12,7): model 'openai/gpt-5' has a negative price 'inputPerMillion' (-1); prices are US dollars per million tokens and must be zero or more",
            error.ToString());
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void Invalid_json_is_one_error_at_its_position()
    {
        CatalogParseResult result = CatalogParser.Parse("{\n  \"models\": [\n    { \"id\": \"a/b\", },\n  ]\n}", "models.json");

        CatalogError error = Assert.Single(result.Errors);
        Assert.Equal("the model catalog is not valid JSON: trailing comma before '}'; remove the comma after the last property", error.Message);
        Assert.Equal((3, 18), (error.Line, error.Column));
        Assert.Empty(result.Entries);
    }

    [Theory]
    [InlineData("[]", 1, 1, "the model catalog must be a JSON object like { \"models\": [ ... ] }, but is an array")]
    [InlineData("{ }", 1, 1, "the model catalog has no 'models' array; add \"models\": [ { \"id\": \"provider/model\", ... } ]")]
    [InlineData("{ \"models\": {} }", 1, 13, "'models' must be an array of model objects, but is an object")]
    [InlineData("{ \"models\": [ 1 ] }", 1, 15, "models[0] must be a model object { \"id\": ..., ... }, but is a number")]
    public void Reports_a_bad_document_shape(string text, int line, int column, string message)
    {
        CatalogError error = Assert.Single(CatalogParser.Parse(text, "models.json").Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Unknown_top_level_property_is_reported_but_models_are_read()
    {
        CatalogParseResult result = CatalogParser.Parse("{ \"$schema\": \"x\", \"model\": [], \"models\": [" + CatalogText.Valid() + "] }", "models.json");

        CatalogError error = Assert.Single(result.Errors);
        Assert.Equal("unknown top-level property 'model'; a catalog holds only 'models' (and optionally '$schema')", error.Message);
        Assert.Equal(19, error.Column);
        Assert.Single(result.Entries);
    }

    public static TheoryData<string, string, string> EntryErrors => new()
    {
        // model text, token the error points at ("" = the model object), message
        { "{ \"contextWindow\": 1 }", "", "models[1] has no 'id'; add an id such as \"openai/gpt-5-mini\"" },
        { "{ \"id\": 5 }", "5", "models[1]: 'id' must be a string such as \"openai/gpt-5-mini\", but is a number" },
        { "{ \"id\": \"gpt-5\" }", "\"gpt-5\"", "model id 'gpt-5' must be 'provider/model' with both parts non-empty and no surrounding spaces, for example \"openai/gpt-5-mini\"" },
        { "{ \"id\": \"openai/\" }", "\"openai/\"", "model id 'openai/' must be 'provider/model' with both parts non-empty and no surrounding spaces, for example \"openai/gpt-5-mini\"" },
        { "{ \"id\": \"/gpt\" }", "\"/gpt\"", "model id '/gpt' must be 'provider/model' with both parts non-empty and no surrounding spaces, for example \"openai/gpt-5-mini\"" },
        { "{ \"id\": \"a/b\", \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", "", "model 'a/b' has no 'contextWindow'; add the most tokens the model accepts, for example \"contextWindow\": 128000" },
        { "{ \"id\": \"a/b\", \"contextWindow\": \"big\", \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", "\"big\"", "model 'a/b': 'contextWindow' must be a whole number of tokens, but is a string" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 1.5, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", "1.5", "model 'a/b': 'contextWindow' must be a whole number of tokens, but is the number 1.5" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 0, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", "0,", "model 'a/b' has a non-positive context window 'contextWindow' (0); it must be a whole number of tokens above zero, for example 128000" },
        { "{ \"id\": \"a/b\", \"contextWindow\": -5, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", "-5", "model 'a/b' has a non-positive context window 'contextWindow' (-5); it must be a whole number of tokens above zero, for example 128000" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 3e9, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", "3e9", "model 'a/b' has a context window 'contextWindow' (3e9) larger than 2147483647 tokens" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"maxOutputTokens\": 0, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", "0, \"price\"", "model 'a/b' has a non-positive maximum output 'maxOutputTokens' (0); it must be a whole number of tokens above zero, for example 128000" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10 }", "", "model 'a/b' has no 'price'; add \"price\": { \"inputPerMillion\": 0.25, \"outputPerMillion\": 2.0 } in US dollars per million tokens" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": 3 }", "3 ", "model 'a/b': 'price' must be an object { \"inputPerMillion\": ..., \"outputPerMillion\": ... }, but is the number 3" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"outputPerMillion\": 1 } }", "{ \"outputPerMillion\"", "model 'a/b' has no 'price.inputPerMillion'; add it in US dollars per million tokens, for example \"inputPerMillion\": 0.25" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1 } }", "{ \"inputPerMillion\"", "model 'a/b' has no 'price.outputPerMillion'; add it in US dollars per million tokens, for example \"outputPerMillion\": 0.25" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": \"1\", \"outputPerMillion\": 1 } }", "\"1\"", "model 'a/b': 'price.inputPerMillion' must be a number of US dollars per million tokens, but is a string" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": -0.5 } }", "-0.5", "model 'a/b' has a negative price 'outputPerMillion' (-0.5); prices are US dollars per million tokens and must be zero or more" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"capabilities\": [\"tools\", \"audio\"] }", "\"audio\"", "model 'a/b' has an unknown capability 'audio'; known capabilities are tools, json, vision, streaming and prefill" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"capabilities\": \"tools\" }", "\"tools\"", "model 'a/b': 'capabilities' must be an array of strings, but is a string" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"regions\": [\"us\", 1] }", "1]", "model 'a/b': every item of 'regions' must be a string, but one is a number" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"tiers\": [\" \"] }", "\" \"", "model 'a/b' has an empty name in 'tiers'; remove it" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": \"active\" }", "\"active\"", "model 'a/b': 'lifecycle' must be an object { \"status\": ..., \"date\": ..., \"replacement\": ... }, but is a string" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": { \"date\": \"2026-01-01\" } }", "{ \"date\"", "model 'a/b' has no 'lifecycle.status'; add \"status\": \"active\", \"deprecated\" or \"disabled\"" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": { \"status\": \"retired\" } }", "\"retired\"", "model 'a/b' has an unknown lifecycle status 'retired'; use \"active\", \"deprecated\" or \"disabled\"" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": { \"status\": \"deprecated\" } }", "{ \"status\"", "model 'a/b' is deprecated but has no 'lifecycle.date'; add the date it stops working as yyyy-MM-dd, for example \"date\": \"2026-10-01\"" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": { \"status\": \"deprecated\", \"date\": \"2026-13-01\" } }", "\"2026-13-01\"", "model 'a/b' has an invalid lifecycle date '2026-13-01'; write it as yyyy-MM-dd, for example \"2026-10-01\"" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": { \"status\": \"disabled\", \"date\": \"1/2/2026\" } }", "\"1/2/2026\"", "model 'a/b' has an invalid lifecycle date '1/2/2026'; write it as yyyy-MM-dd, for example \"2026-10-01\"" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": { \"status\": \"disabled\", \"date\": 20260101 } }", "20260101", "model 'a/b': 'lifecycle.date' must be a date string in the form yyyy-MM-dd, but is the number 20260101" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": { \"status\": \"disabled\", \"replacement\": \"gpt-5\" } }", "\"gpt-5\"", "model 'a/b' has replacement 'gpt-5', which is not a 'provider/model' id; write a catalog id such as \"openai/gpt-5\"" },
        { "{ \"id\": \"a/b\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 }, \"lifecycle\": { \"status\": \"disabled\", \"replacement\": \"A/B\" } }", "\"A/B\"", "model 'a/b' names itself as its replacement; name a different model or remove 'replacement'" },
        { "{ \"id\": \"a/b\", \"provider\": \"c\", \"contextWindow\": 10, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", "\"c\"", "model 'a/b' has 'provider' \"c\" but its id names provider 'a'; remove 'provider' (the id prefix is the provider) or make them agree" },
    };

    [Theory]
    [MemberData(nameof(EntryErrors))]
    public void Reports_a_bad_entry_and_skips_it_but_keeps_the_others(string model, string token, string message)
    {
        CatalogParseResult result = CatalogText.Parse(CatalogText.Valid("openai/first"), model, CatalogText.Valid("openai/last"));

        CatalogError error = Assert.Single(result.Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal("models.json", error.Path);
        Assert.Equal(CatalogText.FirstModelLine + 1, error.Line);
        Assert.Equal(token.Length == 0 ? CatalogText.Indent + 1 : CatalogText.Column(model, token), error.Column);
        Assert.Equal(new[] { "openai/first", "openai/last" }, result.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Duplicate_id_reports_the_second_and_names_the_line_of_the_first()
    {
        string second = CatalogText.Valid("OpenAI/X");
        CatalogParseResult result = CatalogText.Parse(CatalogText.Valid("openai/x"), CatalogText.Valid("openai/y"), second);

        CatalogError error = Assert.Single(result.Errors);
        Assert.Equal("model 'OpenAI/X' is listed twice (first at line 3); remove one of them or give each a different id (ids are compared case-insensitively)", error.Message);
        Assert.Equal((5, CatalogText.Column(second, "\"OpenAI/X\"")), (error.Line, error.Column));
        Assert.Equal(new[] { "openai/x", "openai/y" }, result.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Unknown_property_is_reported_with_a_suggestion_and_the_entry_is_kept()
    {
        string model = CatalogText.Valid("a/b", ", \"capabilites\": [\"tools\"], \"price2\": 1, \"lifecycle\": { \"status\": \"active\", \"dat\": \"x\" }");
        CatalogParseResult result = CatalogText.Parse(model);

        Assert.Equal(
            new[]
            {
                "model 'a/b' has an unknown property 'capabilites'; did you mean 'capabilities'?",
                "model 'a/b' has an unknown property 'price2'; did you mean 'price'?",
                "model 'a/b' has an unknown property 'lifecycle.dat'; did you mean 'lifecycle.date'?",
            },
            result.Errors.Select(e => e.Message));
        Assert.Equal(CatalogText.Column(model, "\"capabilites\""), result.Errors[0].Column);
        Assert.Single(result.Entries);

        CatalogParseResult far = CatalogText.Parse(CatalogText.Valid("a/b", ", \"zzzzzz\": 1"));
        Assert.Equal(
            "model 'a/b' has an unknown property 'zzzzzz'; known properties are id, provider, contextWindow, maxOutputTokens, capabilities, regions, price, tiers, class, lifecycle, source",
            Assert.Single(far.Errors).Message);
    }

    [Theory]
    [InlineData("frontier", ModelClass.Frontier)]
    [InlineData("Standard", ModelClass.Standard)]
    [InlineData("small", ModelClass.Small)]
    [InlineData("local", ModelClass.Local)]
    public void Class_is_read_case_insensitively(string text, object expected)
    {
        CatalogParseResult result = CatalogText.Parse(CatalogText.Valid("a/b", ", \"class\": \"" + text + "\""));
        Assert.Empty(result.Errors);
        Assert.Equal((ModelClass)expected, Assert.Single(result.Entries).Class);
    }

    [Fact]
    public void Class_is_optional_and_an_unknown_or_mistyped_class_is_an_entry_error()
    {
        Assert.Equal(ModelClass.Unknown, Assert.Single(CatalogText.Parse(CatalogText.Valid("a/b")).Entries).Class);

        CatalogParseResult unknown = CatalogText.Parse(CatalogText.Valid("a/b", ", \"class\": \"huge\""));
        Assert.Equal("model 'a/b' has an unknown class 'huge'; use one of local, small, standard, frontier, or remove 'class'", Assert.Single(unknown.Errors).Message);
        Assert.Empty(unknown.Entries);

        CatalogParseResult wrongType = CatalogText.Parse(CatalogText.Valid("a/b", ", \"class\": 3"));
        Assert.Equal("model 'a/b': 'class' must be a string (local, small, standard, frontier), but is the number 3", Assert.Single(wrongType.Errors).Message);
    }

    [Fact]
    public void Prefill_is_a_capability()
    {
        CatalogParseResult result = CatalogText.Parse(CatalogText.Valid("a/b", ", \"capabilities\": [\"prefill\", \"tools\"]"));
        Assert.Empty(result.Errors);
        Assert.Equal(ModelCapabilities.Prefill | ModelCapabilities.Tools, Assert.Single(result.Entries).Capabilities);
    }

    [Fact]
    public void Null_optional_values_are_treated_as_absent()
    {
        CatalogParseResult result = CatalogText.Parse(CatalogText.Valid("a/b", ", \"maxOutputTokens\": null, \"lifecycle\": { \"status\": \"disabled\", \"date\": null, \"replacement\": null }"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(ModelLifecycle.Disabled, result.Entries[0].Lifecycle);
    }

    [Fact]
    public void Never_throws()
    {
        Assert.False(CatalogParser.Parse(null!, null!).IsValid);
        Assert.False(CatalogParser.Parse("\0", "x").IsValid);
    }

    [Theory]
    [InlineData("\"user\"")]
    [InlineData("\"refresh\"")]
    [InlineData("null")]
    public void The_refresh_owner_marker_source_is_accepted(string value)
    {
        CatalogParseResult result = CatalogText.Parse(CatalogText.Valid("a/b", ", \"source\": " + value));

        Assert.Empty(result.Errors);
        Assert.Single(result.Entries);
    }

    [Theory]
    [InlineData("\"mine\"", "model 'a/b' has an unknown 'source' \"mine\"; use \"user\" (the catalog refresh never changes the entry) or \"refresh\", or leave it out")]
    [InlineData("5", "model 'a/b': 'source' must be \"user\" or \"refresh\", but is the number 5")]
    public void A_source_other_than_user_or_refresh_is_an_error(string value, string expected)
    {
        CatalogParseResult result = CatalogText.Parse(CatalogText.Valid("a/b", ", \"source\": " + value));

        Assert.Equal(expected, Assert.Single(result.Errors).Message);
        Assert.Empty(result.Entries);
    }
}

public class UnreadableCatalogTests
{
    [Fact]
    public void A_file_that_cannot_be_read_says_so_instead_of_the_document_is_empty()
    {
        CatalogParseResult result = CatalogParser.Unreadable("/src/app/models.json");

        Assert.Empty(result.Entries);
        CatalogError error = Assert.Single(result.Errors);
        Assert.Equal("the model catalog file '/src/app/models.json' could not be read: it does not exist or cannot be opened; fix the path of this AdditionalFiles item or remove the item", error.Message);
        Assert.DoesNotContain("empty", error.Message);
    }
}
