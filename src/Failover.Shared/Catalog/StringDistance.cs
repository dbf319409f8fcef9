using System;
using System.Collections.Generic;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>Edit distances for "did you mean" suggestions.</summary>
internal static class StringDistance
{
    /// <summary>
    /// The optimal string alignment (restricted Damerau-Levenshtein) distance, case-insensitive:
    /// insertions, deletions, substitutions and swaps of two adjacent characters each cost one.
    /// </summary>
    public static int Damerau(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>How many edits still count as a typo of a word of this length: 1 up to 4 characters, 2 up to 8, then 3.</summary>
    public static int Tolerance(int length) => length <= 4 ? 1 : length <= 8 ? 2 : 3;

    /// <summary>The candidate closest to <paramref name="value"/> within <paramref name="maxDistance"/>; ties go to the ordinally first.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates, int maxDistance)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Damerau(value, candidate);
            if (distance <= maxDistance &&
                (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }
}
