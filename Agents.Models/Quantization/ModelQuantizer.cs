using System.Diagnostics;
using Agents.Models.Gguf;
using LLama;

namespace Agents.Models.Quantization;

/// <summary>
/// Quantizes GGUF models with llama.cpp (through LLamaSharp's <see cref="LLamaQuantizer"/>). Before starting, the
/// input's tensors are checked against the type, so a type that cannot apply gets a message naming the tensor
/// and the reason instead of a bare failure. The output is written under a temporary name and moved into place
/// only when complete.
/// </summary>
public static class ModelQuantizer
{
    /// <summary>Checks that every tensor llama.cpp would quantize can take the type.</summary>
    /// <param name="input">The input file's header.</param>
    /// <param name="type">The target type.</param>
    /// <param name="allowRequantize">Whether already-quantized input is allowed.</param>
    /// <exception cref="QuantizationException">A tensor cannot take the type; the message says which and why.</exception>
    public static void Check(GgufFile input, QuantizationType type, bool allowRequantize = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(type);
        var block = GgmlTypeInfo.Block(type.BaseType)!.Value;
        foreach (var t in input.Tensors.Where(t => t.Dimensions.Count >= 2 && t.Name.EndsWith("weight", StringComparison.Ordinal)))
        {
            if (!allowRequantize && t.Type is not (GgmlType.F32 or GgmlType.F16 or GgmlType.BF16))
            {
                throw new QuantizationException(
                    $"tensor '{t.Name}' is already {t.Type}; quantizing from a quantized model loses quality (allow requantization to do it anyway)", t.Name);
            }

            if (!type.HasFallback && t.Dimensions[0] % (ulong)block.BlockSize != 0)
            {
                throw new QuantizationException(
                    $"tensor '{t.Name}' has rows of {t.Dimensions[0]} values, not a multiple of the {block.BlockSize}-value blocks {type.Name} needs, " +
                    "and llama.cpp has no per-tensor fallback for this type; use a K-quant (q4_k_m, q5_k_m, q6_k) or f16", t.Name);
            }
        }
    }

    /// <summary>Quantizes a GGUF model with llama.cpp's default thread count, refusing already-quantized input.</summary>
    /// <param name="inputPath">The F32/F16/BF16 GGUF model.</param>
    /// <param name="outputPath">Where to write the result.</param>
    /// <param name="type">Target type name (<c>q4_k_m</c>, <c>q8_0</c>, <c>f16</c>…).</param>
    /// <param name="progress">Receives progress about four times a second.</param>
    /// <param name="cancellationToken">Cancels the wait (see the other overload).</param>
    /// <returns>Sizes and time.</returns>
    /// <exception cref="QuantizationException">The type cannot apply (named tensor) or llama.cpp failed.</exception>
    public static Task<QuantizationResult> QuantizeAsync(
        string inputPath,
        string outputPath,
        string type,
        IProgress<QuantizationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        QuantizeAsync(inputPath, outputPath, type, 0, false, progress, cancellationToken);

    /// <summary>Quantizes a GGUF model.</summary>
    /// <param name="inputPath">The F32/F16/BF16 GGUF model.</param>
    /// <param name="outputPath">Where to write the result.</param>
    /// <param name="type">Target type name (<c>q4_k_m</c>, <c>q8_0</c>, <c>f16</c>…).</param>
    /// <param name="threads">Threads for llama.cpp (0: its default).</param>
    /// <param name="allowRequantize">Allow an already-quantized input.</param>
    /// <param name="progress">Receives progress about four times a second.</param>
    /// <param name="cancellationToken">
    /// Cancels the wait: llama.cpp cannot be interrupted, so the native work runs to its end in the background
    /// and its output is then deleted; the method throws <see cref="OperationCanceledException"/> at once.
    /// </param>
    /// <returns>Sizes and time.</returns>
    /// <exception cref="QuantizationException">The type cannot apply (named tensor) or llama.cpp failed.</exception>
    public static async Task<QuantizationResult> QuantizeAsync(
        string inputPath,
        string outputPath,
        string type,
        int threads,
        bool allowRequantize,
        IProgress<QuantizationProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var qtype = QuantizationType.Parse(type);
        if (!File.Exists(inputPath))
        {
            throw new FileNotFoundException($"model file not found: {inputPath}", inputPath);
        }

        if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
        {
            throw new ArgumentException("the output must be a different file from the input", nameof(outputPath));
        }

        var header = GgufFile.Read(inputPath);
        Check(header, qtype, allowRequantize);
        long expected = EstimateSize(header, qtype);
        string temp = outputPath + ".partial";
        var clock = Stopwatch.StartNew();
        // Loading LLamaSharp's native library happens in NativeApi's static constructor, which the quantizer
        // does not trigger by itself: without this the first call in a process fails with DllNotFoundException.
        LLama.Native.NativeApi.llama_empty_call();
        var native = Task.Run(() => LLamaQuantizer.Quantize(inputPath, temp, qtype.FileType, threads, allowRequantize, quantizeOutputTensor: false), CancellationToken.None);
        try
        {
            while (!native.IsCompleted)
            {
                await Task.WhenAny(native, Task.Delay(250, cancellationToken)).ConfigureAwait(false);
                progress?.Report(new QuantizationProgress(FileSize(temp), expected, clock.Elapsed));
            }
        }
        catch (OperationCanceledException)
        {
            _ = native.ContinueWith(_ => File.Delete(temp), TaskScheduler.Default);
            throw;
        }

        bool ok = await native.ConfigureAwait(false);
        if (!ok || !File.Exists(temp))
        {
            File.Delete(temp);
            throw new QuantizationException($"llama.cpp could not quantize '{inputPath}' to {qtype.Name} (its log says why)");
        }

        File.Move(temp, outputPath, overwrite: true);
        long size = FileSize(outputPath);
        progress?.Report(new QuantizationProgress(size, size, clock.Elapsed));
        return new QuantizationResult(outputPath, qtype, FileSize(inputPath), size, clock.Elapsed);
    }

    private static long FileSize(string path)
    {
        try
        {
            return new FileInfo(path).Exists ? new FileInfo(path).Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    // Size if every 2-D weight took the base type (fallback tensors make the real file differ a little).
    private static long EstimateSize(GgufFile header, QuantizationType type)
    {
        long total = header.DataOffset;
        foreach (var t in header.Tensors)
        {
            bool quantized = t.Dimensions.Count >= 2 && t.Name.EndsWith("weight", StringComparison.Ordinal);
            long? bytes = quantized ? GgmlTypeInfo.ByteSize(type.BaseType, t.Dimensions) : t.ByteSize;
            total += bytes ?? (long)t.ElementCount * 2;
        }

        return total;
    }
}
