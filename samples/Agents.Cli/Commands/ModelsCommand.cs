using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Agents.Cli.Commands.Store;
using Agents.Models.Store;

namespace Agents.Cli.Commands;

/// <summary><c>agents models</c>: lists the cached models (size, architecture, quantization, context).</summary>
internal static class ModelsCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Model cache folder (default: $AGENTS_HOME/models, $XDG_CACHE_HOME/agents/models or ~/.cache/agents/models)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };

        var command = new Command("models", "List the models in the cache.");
        command.Add(cacheDir);
        command.Add(json);
        command.SetAction((ParseResult r) =>
        {
            using var store = new ModelStore(new ModelStoreOptions { CacheDirectory = r.GetValue(cacheDir) });
            var models = store.ListModels();
            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(models, Json));
                return 0;
            }

            if (models.Count == 0)
            {
                Console.Error.WriteLine($"No models in {store.CacheDirectory}. Try: agents pull {DefaultModels.Instruct}");
                return 0;
            }

            Console.WriteLine(FormatTable(models));
            return 0;
        });
        return command;
    }

    internal static string FormatTable(IReadOnlyList<CachedModel> models)
    {
        string[] header = ["NAME", "SIZE", "ARCH", "QUANT", "CONTEXT", "PARAMS"];
        var rows = models.Select(m => new[]
        {
            m.Name,
            DownloadProgressBar.Bytes(m.SizeBytes),
            m.Architecture ?? (m.Error is null ? "?" : "unreadable"),
            m.Quantization ?? "?",
            m.ContextLength?.ToString(CultureInfo.InvariantCulture) ?? "?",
            m.ParameterCount is { } p ? Params(p) : "?",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(row => row[i].Length))).ToArray();
        var lines = new[] { header }.Concat(rows).Select(row => string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        return string.Join(Environment.NewLine, lines);
    }

    private static string Params(long count) => count switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.##}B"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.#}M"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e3:0.#}K"),
        _ => count.ToString(CultureInfo.InvariantCulture),
    };
}
