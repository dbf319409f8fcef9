using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>
/// A small, dependency-free JSON reader for analyzer hosts (System.Text.Json is not reliably loadable there).
/// It builds a <see cref="JsonNode"/> tree that remembers where every value and property name was read from,
/// and reports the first syntax error with its line and column.
/// </summary>
/// <remarks>
/// Strict RFC 8259 JSON, with two relaxations for hand-edited catalogs: <c>//</c> line comments and
/// <c>/* */</c> block comments are skipped, and a leading byte order mark is ignored.
/// Trailing commas, single quotes, unquoted names, leading zeros, <c>NaN</c> and duplicate property
/// names in one object are errors. Nesting deeper than <see cref="MaxDepth"/> is an error.
/// Lines break at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>; columns count UTF-16 code units, a tab is one column.
/// </remarks>
internal sealed class JsonReaderLite
{
    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private JsonReaderLite(string text)
    {
        _text = text;
    }

    /// <summary>Reads <paramref name="text"/>; never throws.</summary>
    public static JsonParseResult Parse(string text)
    {
        var reader = new JsonReaderLite(text ?? string.Empty);
        try
        {
            return new JsonParseResult(reader.ReadDocument(), null);
        }
        catch (JsonSyntaxException ex)
        {
            return new JsonParseResult(null, ex.Error);
        }
        catch (Exception ex)
        {
            // Defensive: a bug in the reader must not take down the compiler.
            return new JsonParseResult(null, new JsonSyntaxError("the JSON could not be read (" + ex.GetType().Name + ": " + ex.Message + ")", reader.Here, 0));
        }
    }

    private JsonPosition Here => new(_line, _pos - _lineStart + 1, _pos);

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private JsonNode ReadDocument()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }

        SkipTrivia();
        if (AtEnd)
        {
            throw Error("the document is empty; expected a JSON value such as { \"models\": [] }", Here, 0);
        }

        JsonNode root = ReadValue(0);
        SkipTrivia();
        if (!AtEnd)
        {
            throw Error("unexpected " + Describe(Current) + " after the end of the JSON value; a document holds exactly one value", Here, 1);
        }

        return root;
    }

    private JsonNode ReadValue(int depth)
    {
        if (AtEnd)
        {
            throw Error("unexpected end of the document; expected a value", Here, 0);
        }

        char c = Current;
        switch (c)
        {
            case '{':
                return ReadObject(depth + 1);
            case '[':
                return ReadArray(depth + 1);
            case '"':
                {
                    JsonPosition start = Here;
                    string value = ReadString();
                    return new JsonString(start, _pos - start.Offset, value);
                }

            case 't':
            case 'f':
            case 'n':
                return ReadLiteral();
            case '\'':
                throw Error("strings must be in double quotes (\"), not single quotes", Here, 1);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw Error("unexpected " + Describe(c) + "; expected a value (object, array, string, number, true, false or null)", Here, 1);
        }
    }

    private JsonObject ReadObject(int depth)
    {
        JsonPosition start = Here;
        CheckDepth(depth, start);
        _pos++;
        var properties = new List<JsonProperty>();
        var seen = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        SkipTrivia();
        if (!AtEnd && Current == '}')
        {
            _pos++;
            return new JsonObject(start, _pos - start.Offset, properties);
        }

        while (true)
        {
            if (AtEnd)
            {
                throw Unterminated("object", start, '}');
            }

            if (Current != '"')
            {
                throw Error("expected a property name in double quotes, found " + Describe(Current), Here, 1);
            }

            JsonPosition nameStart = Here;
            string name = ReadString();
            int nameLength = _pos - nameStart.Offset;
            if (seen.TryGetValue(name, out JsonProperty? first))
            {
                throw Error("duplicate property name '" + name + "'; it is already set at line " + first.NameStart.Line + ", column " + first.NameStart.Column + " of the same object; remove one of them", nameStart, nameLength);
            }

            SkipTrivia();
            if (AtEnd || Current != ':')
            {
                string found = AtEnd ? "the end of the document" : Describe(Current);
                throw Error("missing ':' after property name '" + name + "' (found " + found + ")", Here, AtEnd ? 0 : 1);
            }

            _pos++;
            SkipTrivia();
            JsonNode value = ReadValue(depth);
            var property = new JsonProperty(name, nameStart, nameLength, value);
            seen[name] = property;
            properties.Add(property);

            SkipTrivia();
            if (AtEnd)
            {
                throw Unterminated("object", start, '}');
            }

            if (Current == ',')
            {
                JsonPosition comma = Here;
                _pos++;
                SkipTrivia();
                if (!AtEnd && Current == '}')
                {
                    throw Error("trailing comma before '}'; remove the comma after the last property", comma, 1);
                }

                continue;
            }

            if (Current == '}')
            {
                _pos++;
                return new JsonObject(start, _pos - start.Offset, properties);
            }

            throw Error("expected ',' or '}' after the value of property '" + name + "', found " + Describe(Current), Here, 1);
        }
    }

    private JsonArray ReadArray(int depth)
    {
        JsonPosition start = Here;
        CheckDepth(depth, start);
        _pos++;
        var items = new List<JsonNode>();
        SkipTrivia();
        if (!AtEnd && Current == ']')
        {
            _pos++;
            return new JsonArray(start, _pos - start.Offset, items);
        }

        while (true)
        {
            if (AtEnd)
            {
                throw Unterminated("array", start, ']');
            }

            items.Add(ReadValue(depth));
            SkipTrivia();
            if (AtEnd)
            {
                throw Unterminated("array", start, ']');
            }

            if (Current == ',')
            {
                JsonPosition comma = Here;
                _pos++;
                SkipTrivia();
                if (!AtEnd && Current == ']')
                {
                    throw Error("trailing comma before ']'; remove the comma after the last item", comma, 1);
                }

                continue;
            }

            if (Current == ']')
            {
                _pos++;
                return new JsonArray(start, _pos - start.Offset, items);
            }

            throw Error("expected ',' or ']' after an array item, found " + Describe(Current), Here, 1);
        }
    }

    private string ReadString()
    {
        JsonPosition start = Here;
        _pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n' || Current == '\r')
            {
                throw Error("unterminated string; add the closing '\"' on the same line", start, 1);
            }

            char c = Current;
            if (c == '"')
            {
                _pos++;
                return builder.ToString();
            }

            if (c == '\\')
            {
                builder.Append(ReadEscape());
                continue;
            }

            if (c < ' ')
            {
                throw Error("control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " in a string; write it as an escape such as \\t", Here, 1);
            }

            builder.Append(c);
            _pos++;
        }
    }

    private char ReadEscape()
    {
        JsonPosition start = Here;
        _pos++;
        if (AtEnd)
        {
            throw Error("unterminated string; add the closing '\"'", start, 1);
        }

        char c = Current;
        _pos++;
        switch (c)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                int code = 0;
                for (int i = 0; i < 4; i++)
                {
                    int digit = AtEnd ? -1 : HexValue(Current);
                    if (digit < 0)
                    {
                        throw Error("invalid escape '\\u" + _text.Substring(start.Offset + 2, _pos - start.Offset - 2) + "'; \\u must be followed by four hex digits, as in \\u00e9", start, _pos - start.Offset);
                    }

                    code = (code * 16) + digit;
                    _pos++;
                }

                return (char)code;
            default:
                throw Error("invalid escape '\\" + c + "'; use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX", start, 2);
        }
    }

    private JsonNumber ReadNumber()
    {
        JsonPosition start = Here;
        int end = _pos;
        while (end < _text.Length && IsNumberChar(_text[end]))
        {
            end++;
        }

        string text = _text.Substring(_pos, end - _pos);
        if (!IsValidNumber(text, out string? why))
        {
            throw Error("invalid number '" + text + "'; " + why, start, text.Length);
        }

        double value;
        try
        {
            value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            value = double.PositiveInfinity;
        }

        if (double.IsInfinity(value) || double.IsNaN(value))
        {
            throw Error("invalid number '" + text + "'; it is too large", start, text.Length);
        }

        _pos = end;
        return new JsonNumber(start, text, value);
    }

    private JsonLiteral ReadLiteral()
    {
        JsonPosition start = Here;
        int end = _pos;
        while (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_'))
        {
            end++;
        }

        string word = _text.Substring(_pos, end - _pos);
        JsonLiteral literal = word switch
        {
            "true" => new JsonLiteral(start, JsonKind.Boolean, true),
            "false" => new JsonLiteral(start, JsonKind.Boolean, false),
            "null" => new JsonLiteral(start, JsonKind.Null, false),
            _ => throw Error("unexpected '" + word + "'; expected true, false or null (strings need double quotes)", start, word.Length),
        };
        _pos = end;
        return literal;
    }

    private void SkipTrivia()
    {
        while (!AtEnd)
        {
            char c = Current;
            if (c == ' ' || c == '\t')
            {
                _pos++;
            }
            else if (c == '\n' || c == '\r')
            {
                SkipLineBreak();
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                while (!AtEnd && Current != '\n' && Current != '\r')
                {
                    _pos++;
                }
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
            {
                JsonPosition start = Here;
                _pos += 2;
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Error("unterminated comment; close it with '*/'", start, 2);
                    }

                    if (Current == '*' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                    {
                        _pos += 2;
                        break;
                    }

                    if (Current == '\n' || Current == '\r')
                    {
                        SkipLineBreak();
                    }
                    else
                    {
                        _pos++;
                    }
                }
            }
            else
            {
                return;
            }
        }
    }

    private void SkipLineBreak()
    {
        if (Current == '\r' && _pos + 1 < _text.Length && _text[_pos + 1] == '\n')
        {
            _pos++;
        }

        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private void CheckDepth(int depth, JsonPosition start)
    {
        if (depth > MaxDepth)
        {
            throw Error("the document is nested deeper than " + MaxDepth + " levels", start, 1);
        }
    }

    private static bool IsNumberChar(char c) =>
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '-';

    private static bool IsValidNumber(string text, out string? why)
    {
        int i = 0;
        why = null;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !IsDigit(text[i]))
        {
            why = "a number needs a digit after the sign";
            return false;
        }

        if (text[i] == '0' && i + 1 < text.Length && IsDigit(text[i + 1]))
        {
            why = "leading zeros are not allowed";
            return false;
        }

        i = SkipDigits(text, i);
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i >= text.Length || !IsDigit(text[i]))
            {
                why = "a decimal point must be followed by digits";
                return false;
            }

            i = SkipDigits(text, i);
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (i >= text.Length || !IsDigit(text[i]))
            {
                why = "an exponent must have digits";
                return false;
            }

            i = SkipDigits(text, i);
        }

        if (i != text.Length)
        {
            why = "write plain decimal numbers such as 400000 or 0.25 (no units, hex or extra characters)";
            return false;
        }

        return true;
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static int HexValue(char c) =>
        c >= '0' && c <= '9' ? c - '0' :
        c >= 'a' && c <= 'f' ? c - 'a' + 10 :
        c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

    private static string Describe(char c) =>
        c < ' ' || c > '~' ? "character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : "'" + c + "'";

    private static JsonSyntaxException Unterminated(string what, JsonPosition start, char close) =>
        Error("unterminated " + what + " that starts at line " + start.Line + ", column " + start.Column + "; add the missing '" + close + "'", start, 1);

    private static JsonSyntaxException Error(string message, JsonPosition position, int length) =>
        new(new JsonSyntaxError(message, position, length));
}
