using Agents.Memory.Ingestion;

namespace Agents.Cli.Commands.Memory;

/// <summary>A one-line progress bar on stderr for <c>agents memory ingest</c> (plain lines when stderr is redirected).</summary>
internal sealed class IngestProgressBar(TextWriter writer, bool redirected) : IProgress<IngestProgress>
{
    private readonly Lock _gate = new();
    private bool _drawn;
    private int _lastDone;

    public void Report(IngestProgress value)
    {
        lock (_gate)
        {
            var fraction = value.FilesTotal == 0 ? 1.0 : (double)value.FilesDone / value.FilesTotal;
            var name = value.CurrentFile is null ? string.Empty : Path.GetFileName(value.CurrentFile);
            if (redirected)
            {
                if (value.FilesDone > _lastDone)
                {
                    _lastDone = value.FilesDone;
                    writer.WriteLine($"[{value.FilesDone}/{value.FilesTotal}] {name}: {value.ChunksAdded} chunks added, {value.ChunksSkipped} duplicates skipped");
                }

                return;
            }

            const int width = 30;
            var filled = (int)Math.Round(fraction * width);
            var line = $"\r[{new string('#', filled)}{new string('-', width - filled)}] {value.FilesDone}/{value.FilesTotal} files, {value.ChunksAdded} chunks (+{value.ChunksSkipped} dup) {Truncate(name, 30),-30}";
            writer.Write(line);
            writer.Flush();
            _drawn = true;
        }
    }

    public void Finish()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                writer.WriteLine();
                _drawn = false;
            }
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : "…" + s[^(max - 1)..];
}
