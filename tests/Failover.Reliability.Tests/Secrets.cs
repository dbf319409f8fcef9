using Xunit.Sdk;

namespace Failover.Reliability.Tests;

/// <summary>The fake keys of the canary tests, and the check that no 8-character piece of one appears in a text.</summary>
public static class Secrets
{
    public const string OpenAI = "sk-proj-CANARYq7Vz3XkP9lMw2Rt8Yb4Nh6Jd1Fg5sA0e";
    public const string Azure = "az0CANARYe3b1f9c2d7a4e8b6f0c5d9a1e7b3f2";
    public const string Anthropic = "sk-ant-api03-CANARYzX9wV8uT7sR6qP5oN4mL3kJ2";
    public const string Gemini = "AIzaSyCANARYaB1cD2eF3gH4iJ5kL6mN7oP8qR9";

    public static readonly string[] All = [OpenAI, Azure, Anthropic, Gemini];

    /// <summary>Fails naming where, when any run of 8 characters of any key appears in the text.</summary>
    public static void AssertNone(string where, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var key in All)
        {
            for (var i = 0; i + 8 <= key.Length; i++)
            {
                var piece = key.Substring(i, 8);
                var at = text.IndexOf(piece, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var from = Math.Max(0, at - 120);
                    throw new XunitException($"A piece of a key ('{piece}') reached {where}: ...{text.Substring(from, Math.Min(text.Length - from, 240))}...");
                }
            }
        }
    }
}
