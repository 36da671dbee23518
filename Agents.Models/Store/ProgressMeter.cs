using System.Diagnostics;

namespace Agents.Models.Store;

/// <summary>Turns byte counts into throttled <see cref="DownloadProgress"/> reports (speed and ETA over this transfer).</summary>
internal sealed class ProgressMeter(string fileName, IProgress<DownloadProgress>? progress, TimeSpan interval)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _startBytes;
    private TimeSpan? _lastReport;

    public void Start(long resumedBytes)
    {
        _startBytes = resumedBytes;
        _clock.Restart();
        _lastReport = null;
    }

    public void Report(long received, long? total, bool force = false)
    {
        if (progress is null)
        {
            return;
        }

        var now = _clock.Elapsed;
        if (!force && _lastReport is { } last && now - last < interval)
        {
            return;
        }

        _lastReport = now;
        var seconds = now.TotalSeconds;
        var speed = seconds > 0 ? (received - _startBytes) / seconds : 0;
        TimeSpan? eta = total is { } t && speed > 0 ? TimeSpan.FromSeconds(Math.Max(0, t - received) / speed) : null;
        progress.Report(new DownloadProgress(fileName, received, total, speed, eta));
    }
}
