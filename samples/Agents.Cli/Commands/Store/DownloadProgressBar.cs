using System.Globalization;
using Agents.Models.Store;

namespace Agents.Cli.Commands.Store;

/// <summary>Draws download progress on stderr: a bar on a terminal, one line per second when stderr is redirected.</summary>
internal sealed class DownloadProgressBar(TextWriter error, bool redirected) : IProgress<DownloadProgress>
{
    private const int Width = 30;
    private DateTime _lastLine = DateTime.MinValue;
    private bool _drawn;

    public void Report(DownloadProgress value)
    {
        var text = Describe(value);
        if (redirected)
        {
            var now = DateTime.UtcNow;
            if (now - _lastLine >= TimeSpan.FromSeconds(1) || value.BytesReceived == value.TotalBytes)
            {
                _lastLine = now;
                error.WriteLine(text);
            }

            return;
        }

        error.Write("\r" + text.PadRight(Math.Max(0, SafeWidth() - 1)));
        _drawn = true;
    }

    /// <summary>Ends the bar's line.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            error.WriteLine();
            _drawn = false;
        }
    }

    internal static string Describe(DownloadProgress p)
    {
        var size = p.TotalBytes is { } total ? $"{Bytes(p.BytesReceived)} / {Bytes(total)}" : Bytes(p.BytesReceived);
        var speed = $"{Bytes((long)p.BytesPerSecond)}/s";
        var eta = p.EstimatedRemaining is { } left ? $"ETA {Duration(left)}" : "ETA --";
        if (p.Fraction is not { } fraction)
        {
            return $"{p.FileName}  {size}  {speed}";
        }

        var filled = (int)Math.Round(fraction * Width);
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.FileName} [{new string('#', filled)}{new string('-', Width - filled)}] {fraction * 100,3:0}%  {size}  {speed}  {eta}");
    }

    internal static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    private static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
