namespace Agents.Models.Engine;

/// <summary>
/// Process-wide cache: one load per path and load options. Concurrent callers share one load; a caller that
/// cancels stops waiting, and the load itself is cancelled when nobody else waits for it.
/// </summary>
internal static class LocalModelCache
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    public static async Task<LocalModel> GetOrLoadAsync(LocalModelOptions options, IProgress<float>? progress, CancellationToken cancellationToken)
    {
        var key = options.CacheKey();
        Entry entry;
        lock (Gate)
        {
            if (!Entries.TryGetValue(key, out entry!) || entry.Task.IsFaulted || entry.Task.IsCanceled)
            {
                entry = new Entry();
                entry.Task = LocalModel.LoadCoreAsync(options, progress, entry.Cancellation.Token);
                Entries[key] = entry;
                _ = entry.Task.ContinueWith(t => Forget(key, t), CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
            }

            entry.Waiters++;
        }

        try
        {
            return await entry.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !entry.Task.IsCompleted)
        {
            lock (Gate)
            {
                if (entry.Waiters == 1)
                {
                    entry.Cancellation.Cancel();
                    Entries.Remove(key);
                }
            }

            throw;
        }
        finally
        {
            lock (Gate)
            {
                entry.Waiters--;
            }
        }
    }

    public static void Remove(LocalModel model)
    {
        lock (Gate)
        {
            foreach (var (key, entry) in Entries)
            {
                if (entry.Task.IsCompletedSuccessfully && ReferenceEquals(entry.Task.Result, model))
                {
                    Entries.Remove(key);
                    return;
                }
            }
        }
    }

    private static void Forget(string key, Task task)
    {
        lock (Gate)
        {
            if (Entries.TryGetValue(key, out var entry) && entry.Task == task)
            {
                Entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public Task<LocalModel> Task { get; set; } = null!;

        public CancellationTokenSource Cancellation { get; } = new();

        public int Waiters { get; set; }
    }
}
