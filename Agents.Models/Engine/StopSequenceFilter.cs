namespace Agents.Models.Engine;

/// <summary>
/// Watches streamed text for stop strings. Text that could still become the start of a stop string is held
/// back until it either completes the stop (then it is dropped) or cannot any more (then it is released),
/// so a partial stop string never reaches the caller.
/// </summary>
internal sealed class StopSequenceFilter
{
    private readonly string[] stops;
    private string pending = string.Empty;

    public StopSequenceFilter(IEnumerable<string> stops)
    {
        this.stops = stops.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>True once a stop string was seen.</summary>
    public bool Stopped { get; private set; }

    /// <summary>True when <paramref name="text"/> is one of the stop strings (used for control tokens, which never reach the text).</summary>
    public bool IsStopString(string text) => Array.IndexOf(stops, text) >= 0;

    /// <summary>Adds text; returns what may be shown now.</summary>
    public string Push(string text)
    {
        if (Stopped)
        {
            return string.Empty;
        }

        if (stops.Length == 0)
        {
            return text;
        }

        var buffer = pending.Length == 0 ? text : pending + text;
        var first = -1;
        foreach (var stop in stops)
        {
            var at = buffer.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first >= 0)
        {
            Stopped = true;
            pending = string.Empty;
            return buffer[..first];
        }

        var hold = LongestStopPrefixSuffix(buffer);
        pending = buffer[(buffer.Length - hold)..];
        return buffer[..(buffer.Length - hold)];
    }

    /// <summary>Releases held-back text at the end of generation.</summary>
    public string Flush()
    {
        var rest = Stopped ? string.Empty : pending;
        pending = string.Empty;
        return rest;
    }

    private int LongestStopPrefixSuffix(string buffer)
    {
        var best = 0;
        foreach (var stop in stops)
        {
            var max = Math.Min(stop.Length - 1, buffer.Length);
            for (var len = max; len > best; len--)
            {
                if (buffer.AsSpan(buffer.Length - len).SequenceEqual(stop.AsSpan(0, len)))
                {
                    best = len;
                    break;
                }
            }
        }

        return best;
    }
}
