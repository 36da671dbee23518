using System.Text;
using LLama.Native;

namespace Agents.Models.Engine;

/// <summary>
/// Captures llama.cpp's log (which otherwise goes straight to stderr) so that the engine can report load
/// failures precisely, count offloaded layers, and keep stdout/stderr clean. Installed once per process.
/// </summary>
internal static class NativeLog
{
    private const int MaxLines = 400;
    private static readonly object Gate = new();
    private static readonly LinkedList<string> Lines = new();
    private static readonly StringBuilder Partial = new();
    private static bool installed;

    /// <summary>Installs the capturing callback (idempotent).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            installed = true;
        }

        NativeLogConfig.llama_log_set(OnLog);
    }

    /// <summary>A marker for <see cref="LinesSince"/>.</summary>
    public static long Mark()
    {
        lock (Gate)
        {
            return total;
        }
    }

    /// <summary>Lines logged since <paramref name="mark"/> (as far as they are still kept).</summary>
    public static IReadOnlyList<string> LinesSince(long mark)
    {
        lock (Gate)
        {
            var count = (int)Math.Min(total - mark, Lines.Count);
            return Lines.Skip(Lines.Count - count).ToList();
        }
    }

    private static long total;

    private static void OnLog(LLamaLogLevel level, string message)
    {
        lock (Gate)
        {
            Partial.Append(message);
            if (!message.EndsWith('\n'))
            {
                return;
            }

            var line = Partial.ToString().TrimEnd();
            Partial.Clear();
            if (line.Length == 0)
            {
                return;
            }

            Lines.AddLast($"{level}: {line}");
            total++;
            if (Lines.Count > MaxLines)
            {
                Lines.RemoveFirst();
            }
        }
    }
}
