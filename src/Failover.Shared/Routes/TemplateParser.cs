using System.Collections.Generic;
using System.Text;

namespace Failover.CodeAnalysis;

/// <summary>Splits <c>{name}</c> templates into segments; <c>{{</c> and <c>}}</c> are literal braces.</summary>
internal static class TemplateParser
{
    /// <summary>Parses a template; returns null segments and an error message when it is malformed.</summary>
    public static (EquatableArray<TemplateSegment> Segments, string? Error) Parse(string template)
    {
        var segments = new List<TemplateSegment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{')
            {
                if (i + 1 < template.Length && template[i + 1] == '{')
                {
                    literal.Append('{');
                    i += 2;
                    continue;
                }

                var end = template.IndexOf('}', i + 1);
                if (end < 0)
                {
                    return (EquatableArray<TemplateSegment>.Empty, $"the '{{' at position {i} is never closed; write '{{{{' for a literal brace");
                }

                var name = template.Substring(i + 1, end - i - 1).Trim();
                if (!IsIdentifier(name))
                {
                    return (EquatableArray<TemplateSegment>.Empty, $"'{{{name}}}' at position {i} is not a parameter name; write '{{{{' for a literal brace");
                }

                Flush(literal, segments);
                segments.Add(new TemplateSegment(true, name));
                i = end + 1;
                continue;
            }

            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    literal.Append('}');
                    i += 2;
                    continue;
                }

                return (EquatableArray<TemplateSegment>.Empty, $"the '}}' at position {i} closes nothing; write '}}}}' for a literal brace");
            }

            literal.Append(c);
            i++;
        }

        Flush(literal, segments);
        return (segments.ToEquatableArray(), null);
    }

    private static void Flush(StringBuilder literal, List<TemplateSegment> segments)
    {
        if (literal.Length > 0)
        {
            segments.Add(new TemplateSegment(false, literal.ToString()));
            literal.Clear();
        }
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_' || name[0] == '@'))
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!(char.IsLetterOrDigit(name[i]) || name[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
