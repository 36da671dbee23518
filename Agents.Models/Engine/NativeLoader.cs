using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;

namespace Agents.Models.Engine;

/// <summary>The calls into LLamaSharp that load weights, create the context and apply LoRA adapters, with failures turned into <see cref="ModelLoadException"/>.</summary>
internal static class NativeLoader
{
    public static async Task<(LLamaWeights Weights, IReadOnlyList<string> Log)> LoadWeightsAsync(
        LocalModelOptions options, GgufFileSummary summary, IProgress<float>? progress, CancellationToken cancellationToken)
    {
        var path = options.ModelPath;
        try
        {
            NativeLog.Install();
        }
        catch (Exception ex) when (ex is RuntimeError or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new ModelLoadException(path, $"the llama.cpp native library could not be loaded ({ex.Message}); on Linux install libgomp1", ex);
        }

        var mark = NativeLog.Mark();
        var parameters = new ModelParams(path)
        {
            GpuLayerCount = options.GpuLayerCount,
            LoadMode = options.UseMemoryMap ? LLamaLoadMode.MemoryMap : LLamaLoadMode.None,
        };

        try
        {
            var weights = await LLamaWeights.LoadFromFileAsync(parameters, cancellationToken, progress).ConfigureAwait(false);
            return (weights, NativeLog.LinesSince(mark));
        }
        catch (LoadWeightsFailedException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ModelLoadException(path, Reason(summary, NativeLog.LinesSince(mark)), ex);
        }
        catch (Exception ex) when (ex is RuntimeError or DllNotFoundException or TypeInitializationException)
        {
            throw new ModelLoadException(path, $"llama.cpp could not load the model ({ex.Message})", ex);
        }
    }

    /// <summary>Creates the context: <paramref name="parallel"/> sequences of <paramref name="perSequence"/> tokens, batches of <paramref name="batchSize"/>.</summary>
    public static LLamaContext CreateContext(LLamaWeights weights, LocalModelOptions options, int perSequence, int parallel, int batchSize)
    {
        var parameters = new ModelParams(options.ModelPath)
        {
            ContextSize = checked((uint)(perSequence * parallel)),
            SeqMax = (uint)parallel,
            BatchSize = (uint)batchSize,
            UBatchSize = (uint)batchSize,
            KVUnified = false,
            Threads = options.Threads > 0 ? options.Threads : null,
            BatchThreads = options.Threads > 0 ? options.Threads : null,
        };

        try
        {
            return weights.CreateContext(parameters);
        }
        catch (RuntimeError ex)
        {
            throw new ModelLoadException(options.ModelPath, $"llama.cpp could not create a context of {perSequence}×{parallel} tokens ({ex.Message})", ex);
        }
    }

    public static IReadOnlyList<LoraAdapter> ApplyLoras(LLamaWeights weights, LLamaContext context, LocalModelOptions options)
    {
        if (options.LoraAdapters.Count == 0)
        {
            return [];
        }

        var loaded = new List<(LoraAdapter Adapter, float Scale)>();
        foreach (var lora in options.LoraAdapters)
        {
            var full = Path.GetFullPath(lora.Path);
            try
            {
                loaded.Add((weights.NativeHandle.LoadLoraFromFile(full), lora.Scale));
            }
            catch (Exception ex) when (ex is RuntimeError or InvalidOperationException or IOException)
            {
                throw new ModelLoadException(full, $"LoRA adapter could not be loaded for this model ({ex.Message})", ex);
            }
        }

        context.NativeHandle.SetLoraAdapters(loaded.ToArray());
        return loaded.Select(l => l.Adapter).ToList();
    }

    private static string Reason(GgufFileSummary summary, IReadOnlyList<string> log)
    {
        if (log.Any(l => l.Contains("unknown model architecture", StringComparison.OrdinalIgnoreCase)))
        {
            return $"unsupported architecture '{summary.Architecture ?? "?"}'";
        }

        var error = log.LastOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal));
        return error is null
            ? "llama.cpp could not load the model"
            : $"llama.cpp could not load the model ({error["Error: ".Length..]})";
    }
}
