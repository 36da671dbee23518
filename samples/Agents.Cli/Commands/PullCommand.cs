using System.CommandLine;
using Agents.Cli.Commands.Store;
using Agents.Models.Store;

namespace Agents.Cli.Commands;

/// <summary><c>agents pull REF</c>: downloads a model into the cache (resume, sha256 check) and prints its path.</summary>
internal static class PullCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("ref")
        {
            Description = $"An https:// URL or hf:owner/repo/file.gguf[@revision] (default model: {DefaultModels.Instruct}).",
        };
        var sha256 = new Option<string?>("--sha256") { Description = "Expected sha256 (64 hex digits); default: the hash the hub publishes." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Model cache folder (default: $AGENTS_HOME/models, $XDG_CACHE_HOME/agents/models or ~/.cache/agents/models)." };

        var command = new Command("pull", "Download a model into the cache with progress, resume and a sha256 check; prints the file's path.");
        command.Add(reference);
        command.Add(sha256);
        command.Add(cacheDir);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var bar = new DownloadProgressBar(Console.Error, Console.IsErrorRedirected);
            try
            {
                using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = r.GetValue(cacheDir), HuggingFaceToken = Environment.GetEnvironmentVariable("HF_TOKEN") });
                var result = await store.PullAsync(r.GetValue(reference)!, r.GetValue(sha256), bar, ct);
                bar.Finish();
                if (!result.Downloaded)
                {
                    await Console.Error.WriteLineAsync("Already in the cache.");
                }
                else if (!result.Verified)
                {
                    await Console.Error.WriteLineAsync($"warning: no published hash to check against; sha256 is {result.Sha256} (pass --sha256 to verify).");
                }

                Console.WriteLine(result.Path);
                return 0;
            }
            catch (Exception ex) when (ex is InvalidModelReferenceException or ArgumentException)
            {
                bar.Finish();
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
            catch (ModelHashMismatchException ex)
            {
                bar.Finish();
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 3;
            }
            catch (Exception ex) when (ex is ModelDownloadException or TimeoutException or IOException or UnauthorizedAccessException)
            {
                bar.Finish();
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
