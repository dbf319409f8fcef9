using System.Linq;
using Xunit;

namespace Failover.CodeAnalysis.Catalog.Tests;

public class JsonReaderLiteTests
{
    [Fact]
    public void Records_line_column_and_offset_of_values_and_names()
    {
        string text = "{\n  \"a\": [1, \"x\"],\n  \"b\": { \"c\": null }\n}";
        JsonObject root = Assert.IsType<JsonObject>(JsonReaderLite.Parse(text).Root);

        Assert.Equal(new JsonPosition(1, 1, 0), root.Start);
        Assert.Equal(text.Length, root.Length);
        JsonProperty a = root.Properties[0];
        Assert.Equal(new JsonPosition(2, 3, 4), a.NameStart);
        Assert.Equal(3, a.NameLength);
        JsonArray array = Assert.IsType<JsonArray>(a.Value);
        Assert.Equal(new JsonPosition(2, 8, 9), array.Start);
        Assert.Equal(new JsonPosition(2, 9, 10), array.Items[0].Start);
        JsonString x = Assert.IsType<JsonString>(array.Items[1]);
        Assert.Equal(new JsonPosition(2, 12, 13), x.Start);
        Assert.Equal(3, x.Length);

        Assert.True(root.TryGetProperty("b", out JsonProperty b));
        Assert.Equal(new JsonPosition(3, 3, 21), b.NameStart);
        JsonObject inner = Assert.IsType<JsonObject>(b.Value);
        Assert.Equal(3, inner.Start.Line);
        Assert.Equal(8, inner.Start.Column);
        Assert.Equal(new JsonPosition(3, 10, 28), inner.Properties[0].NameStart);
        Assert.Equal(JsonKind.Null, inner.Properties[0].Value.Kind);
        Assert.Equal(new JsonPosition(3, 15, 33), inner.Properties[0].Value.Start);
    }

    [Fact]
    public void Counts_crlf_and_lone_cr_as_one_line_break()
    {
        JsonObject root = Assert.IsType<JsonObject>(JsonReaderLite.Parse("{\r\n\"a\":\r\n 1,\r\"b\": 2}").Root);
        Assert.Equal(new JsonPosition(3, 2, 10), root.Properties[0].Value.Start);
        Assert.Equal(new JsonPosition(4, 1, 13), root.Properties[1].NameStart);
    }

    [Fact]
    public void Reads_values_and_escapes()
    {
        JsonArray root = Assert.IsType<JsonArray>(JsonReaderLite.Parse("[\"\\u00e9\\n\\\"\\\\\\/\\t\", -1.5e2, 0, true, false, null, {}, []]").Root);
        Assert.Equal("\u00e9\n\"\\/\t", Assert.IsType<JsonString>(root.Items[0]).Value);
        JsonNumber number = Assert.IsType<JsonNumber>(root.Items[1]);
        Assert.Equal(-150, number.Value);
        Assert.Equal("-1.5e2", number.Text);
        Assert.True(number.IsInteger);
        Assert.Equal(0, Assert.IsType<JsonNumber>(root.Items[2]).Value);
        Assert.True(Assert.IsType<JsonLiteral>(root.Items[3]).Value);
        Assert.Equal(JsonKind.Boolean, root.Items[4].Kind);
        Assert.Equal(JsonKind.Null, root.Items[5].Kind);
        Assert.Empty(Assert.IsType<JsonObject>(root.Items[6]).Properties);
        Assert.Empty(Assert.IsType<JsonArray>(root.Items[7]).Items);
    }

    [Fact]
    public void Allows_line_and_block_comments_and_a_bom()
    {
        JsonObject root = Assert.IsType<JsonObject>(JsonReaderLite.Parse("\uFEFF// top\n{ /* a\n b */ \"a\": 1 // end\n}").Root);
        Assert.Equal(new JsonPosition(3, 12, 26), root.Properties[0].Value.Start);
    }

    [Theory]
    [InlineData("{\n  \"a\": \"abc\n}", 2, 8, "unterminated string; add the closing '\"' on the same line")]
    [InlineData("[\"abc", 1, 2, "unterminated string; add the closing '\"' on the same line")]
    [InlineData("[1, 2, ]", 1, 6, "trailing comma before ']'; remove the comma after the last item")]
    [InlineData("{\"a\": 1,\n}", 1, 8, "trailing comma before '}'; remove the comma after the last property")]
    [InlineData("{\"a\" 1}", 1, 6, "missing ':' after property name 'a' (found '1')")]
    [InlineData("{\"a\"", 1, 5, "missing ':' after property name 'a' (found the end of the document)")]
    [InlineData("[\"a\\qb\"]", 1, 4, "invalid escape '\\q'; use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX")]
    [InlineData("[\"\\u12G4\"]", 1, 3, "invalid escape '\\u12'; \\u must be followed by four hex digits, as in \\u00e9")]
    [InlineData("[01]", 1, 2, "invalid number '01'; leading zeros are not allowed")]
    [InlineData("[1.]", 1, 2, "invalid number '1.'; a decimal point must be followed by digits")]
    [InlineData("[-]", 1, 2, "invalid number '-'; a number needs a digit after the sign")]
    [InlineData("[1e+]", 1, 2, "invalid number '1e+'; an exponent must have digits")]
    [InlineData("[12k]", 1, 2, "invalid number '12k'; write plain decimal numbers such as 400000 or 0.25 (no units, hex or extra characters)")]
    [InlineData("[1e999]", 1, 2, "invalid number '1e999'; it is too large")]
    [InlineData("{\"a\": 1,\n \"a\": 2}", 2, 2, "duplicate property name 'a'; it is already set at line 1, column 2 of the same object; remove one of them")]
    [InlineData("", 1, 1, "the document is empty; expected a JSON value such as { \"models\": [] }")]
    [InlineData("  // only a comment", 1, 20, "the document is empty; expected a JSON value such as { \"models\": [] }")]
    [InlineData("{} x", 1, 4, "unexpected 'x' after the end of the JSON value; a document holds exactly one value")]
    [InlineData("['a']", 1, 2, "strings must be in double quotes (\"), not single quotes")]
    [InlineData("[tru]", 1, 2, "unexpected 'tru'; expected true, false or null (strings need double quotes)")]
    [InlineData("{a: 1}", 1, 2, "expected a property name in double quotes, found 'a'")]
    [InlineData("[1 2]", 1, 4, "expected ',' or ']' after an array item, found '2'")]
    [InlineData("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after the value of property 'a', found '\"'")]
    [InlineData("{\"a\": 1", 1, 1, "unterminated object that starts at line 1, column 1; add the missing '}'")]
    [InlineData("[1,\n2", 1, 1, "unterminated array that starts at line 1, column 1; add the missing ']'")]
    [InlineData("{\"a\": }", 1, 7, "unexpected '}'; expected a value (object, array, string, number, true, false or null)")]
    [InlineData("[\"a\tb\"]", 1, 4, "control character U+0009 in a string; write it as an escape such as \\t")]
    [InlineData("[1] /* open", 1, 5, "unterminated comment; close it with '*/'")]
    public void Reports_syntax_errors_with_line_and_column(string text, int line, int column, string message)
    {
        JsonParseResult result = JsonReaderLite.Parse(text);

        Assert.Null(result.Root);
        JsonSyntaxError error = Assert.IsType<JsonSyntaxError>(result.Error);
        Assert.Equal(message, error.Message);
        Assert.Equal(line, error.Position.Line);
        Assert.Equal(column, error.Position.Column);
    }

    [Fact]
    public void Rejects_nesting_deeper_than_the_limit_without_overflowing()
    {
        string deep = new string('[', 10_000) + new string(']', 10_000);
        JsonSyntaxError error = Assert.IsType<JsonSyntaxError>(JsonReaderLite.Parse(deep).Error);
        Assert.Equal("the document is nested deeper than 64 levels", error.Message);
        Assert.Equal(65, error.Position.Column);

        string ok = new string('[', 64) + new string(']', 64);
        Assert.NotNull(JsonReaderLite.Parse(ok).Root);
    }

    [Fact]
    public void Never_throws_on_null_input()
    {
        Assert.NotNull(JsonReaderLite.Parse(null!).Error);
        Assert.Equal("a", Enumerable.Single(Assert.IsType<JsonObject>(JsonReaderLite.Parse("{\"a\":1}").Root).Properties).Name);
    }
}
