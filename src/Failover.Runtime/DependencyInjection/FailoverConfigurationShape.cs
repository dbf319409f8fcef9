using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Failover;

/// <summary>
/// Checks the shape of the <c>Failover</c> configuration section against <see cref="FailoverOptions"/> before it is
/// bound: keys no setting has (<c>DisabledModel</c>, <c>Chian</c>), a single value where a list or section belongs
/// (<c>"DisabledModels": "openai/gpt-5-mini"</c>), and values that cannot be read as the setting's type
/// (<c>"MaxAttempts": "abc"</c>). The binder would ignore the first two silently; each problem here names its key.
/// The walk reads the options types themselves, so a setting added to <see cref="FailoverOptions"/> is checked too.
/// </summary>
internal static class FailoverConfigurationShape
{
    private const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.Interfaces;

    public static List<string> Check(IConfiguration section)
    {
        var problems = new List<string>();
        CheckObject(section, typeof(FailoverOptions), problems);
        return problems;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The options types are bound by the configuration binder's source generator, which references every public property, so their properties are kept.")]
    private static void CheckObject(IConfiguration section, [DynamicallyAccessedMembers(Members)] Type type, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(static p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                problems.Add($"{child.Path} is not a Failover setting{Suggestion(child.Key, properties.Select(static p => p.Name))}. Settings here: {string.Join(", ", properties.Select(static p => p.Name))}.");
                continue;
            }

            CheckValue(child, property.PropertyType, problems);
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2062", Justification = "See CheckObject: element and value types of the options are bound by the source-generated binder and kept.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "See CheckObject: element and value types of the options are bound by the source-generated binder and kept.")]
    private static void CheckValue(IConfigurationSection section, [DynamicallyAccessedMembers(Members)] Type type, List<string> problems)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        var hasChildren = section.GetChildren().Any();
        if (scalar == typeof(string) || scalar.IsPrimitive || scalar.IsEnum || scalar == typeof(TimeSpan) || scalar == typeof(decimal) || scalar == typeof(Uri))
        {
            if (hasChildren)
            {
                problems.Add($"{section.Path} must be a single value ({Describe(scalar)}), not a section with keys {string.Join(", ", section.GetChildren().Select(static c => c.Key))}.");
            }
            else if (!string.IsNullOrEmpty(section.Value) && !Converts(section.Value, scalar))
            {
                problems.Add($"{section.Path} is '{section.Value}', which is not {Describe(scalar)}.");
            }

            return;
        }

        if (Element(type, typeof(IDictionary<,>)) is { } dictionary)
        {
            if (!hasChildren && !string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{section.Path} must be a section keyed by name, not the value '{section.Value}'.");
                return;
            }

            foreach (var child in section.GetChildren())
            {
                CheckValue(child, dictionary[1], problems);
            }

            return;
        }

        if (Element(type, typeof(IEnumerable<>)) is { } list)
        {
            if (!hasChildren && !string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{section.Path} must be a list, not the single value '{section.Value}': in JSON write [\"{section.Value}\"], in environment variables {section.Path.Replace(":", "__", StringComparison.Ordinal)}__0.");
                return;
            }

            foreach (var child in section.GetChildren())
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{child.Path} is not a list index: {section.Path} is a list (keys 0, 1, 2 ...).");
                    continue;
                }

                CheckValue(child, list[0], problems);
            }

            return;
        }

        if (!hasChildren && !string.IsNullOrEmpty(section.Value))
        {
            problems.Add($"{section.Path} must be a section of settings, not the value '{section.Value}'.");
            return;
        }

        CheckObject(section, type, problems);
    }

    private static Type[]? Element([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.Interfaces)] Type type, Type generic)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == generic)
        {
            return type.GetGenericArguments();
        }

        foreach (var candidate in type.GetInterfaces())
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == generic)
            {
                return candidate.GetGenericArguments();
            }
        }

        return null;
    }

    private static bool Converts(string value, Type type)
    {
        var culture = CultureInfo.InvariantCulture;
        return type == typeof(string)
            || (type == typeof(bool) && bool.TryParse(value, out _))
            || (type == typeof(int) && int.TryParse(value, NumberStyles.Integer, culture, out _))
            || (type == typeof(long) && long.TryParse(value, NumberStyles.Integer, culture, out _))
            || (type == typeof(double) && double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, culture, out _))
            || (type == typeof(float) && float.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, culture, out _))
            || (type == typeof(decimal) && decimal.TryParse(value, NumberStyles.Number, culture, out _))
            || (type == typeof(TimeSpan) && TimeSpan.TryParse(value, culture, out _))
            || (type == typeof(Uri) && Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _))
            // Names only: Enum.TryParse also takes any number, which would bind a value no enum member has.
            || (type.IsEnum && !char.IsAsciiDigit(value.TrimStart().FirstOrDefault()) && value.TrimStart().FirstOrDefault() != '-' && Enum.TryParse(type, value, ignoreCase: true, out _))
            || !(type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri) || type.IsEnum);
    }

    private static string Describe(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? "a number"
        : type == typeof(TimeSpan) ? "a time span such as 00:00:30"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : "a " + type.Name;

    private static string Suggestion(string key, IEnumerable<string> names)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            var distance = Distance(key.ToUpperInvariant(), name.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return best is not null && bestDistance <= Math.Max(2, key.Length / 3) ? $" (did you mean {best}?)" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
