using System.Globalization;

namespace Agents.Models.Grammars;

/// <summary>GBNF for integers in an inclusive range (either end open), digit by digit, without leading zeros.</summary>
internal static class IntegerRangeGbnf
{
    private const int MaxDigits = 16;

    internal static string Build(long? min, long? max)
    {
        if (min is null && max is null)
        {
            return "(\"-\"? integral-part)";
        }

        if (min is >= 0)
        {
            return NonNegative(min.Value, max);
        }

        if (max is < 0)
        {
            return "\"-\" " + NonNegative(-max.Value, min is null ? null : -min.Value);
        }

        string negative = "\"-\" " + NonNegative(1, min is null ? null : -min.Value);
        return $"({negative} | {NonNegative(0, max)})";
    }

    private static string NonNegative(long lo, long? hi)
    {
        string los = lo.ToString(CultureInfo.InvariantCulture);
        var alts = new List<string>();
        if (hi is not null)
        {
            string his = hi.Value.ToString(CultureInfo.InvariantCulture);
            if (los.Length == his.Length)
            {
                alts.Add(Range(los, his));
            }
            else
            {
                alts.Add(Range(los, new string('9', los.Length)));
                for (int len = los.Length + 1; len < his.Length; len++)
                {
                    alts.Add($"[1-9] [0-9]{{{len - 1}}}");
                }

                alts.Add(Range("1" + new string('0', his.Length - 1), his));
            }
        }
        else
        {
            alts.Add(Range(los, new string('9', los.Length)));
            if (los.Length < MaxDigits)
            {
                alts.Add($"[1-9] [0-9]{{{los.Length},{MaxDigits - 1}}}");
            }
        }

        return alts.Count == 1 ? alts[0] : "(" + string.Join(" | ", alts) + ")";
    }

    // lo and hi have the same number of digits and lo <= hi.
    private static string Range(string lo, string hi)
    {
        if (lo.Length == 0)
        {
            return string.Empty;
        }

        if (lo == hi)
        {
            return $"\"{lo}\"";
        }

        if (lo[0] == hi[0])
        {
            return $"\"{lo[0]}\" {Range(lo[1..], hi[1..])}";
        }

        int k = lo.Length - 1;
        var parts = new List<string>();
        char first = lo[0];
        char last = hi[0];
        if (lo.AsSpan(1).ContainsAnyExcept('0'))
        {
            parts.Add($"\"{lo[0]}\" {Range(lo[1..], new string('9', k))}");
            first++;
        }

        string? tail = null;
        if (hi.AsSpan(1).ContainsAnyExcept('9'))
        {
            tail = $"\"{hi[0]}\" {Range(new string('0', k), hi[1..])}";
            last--;
        }

        if (first <= last)
        {
            string digit = first == last ? $"\"{first}\"" : $"[{first}-{last}]";
            parts.Add(k > 0 ? $"{digit} [0-9]{{{k}}}" : digit);
        }

        if (tail is not null)
        {
            parts.Add(tail);
        }

        return parts.Count == 1 ? parts[0] : "(" + string.Join(" | ", parts) + ")";
    }
}
