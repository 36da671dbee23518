using System.Buffers.Binary;
using System.Globalization;

namespace Agents.Models.Gguf;

/// <summary>
/// Writes small random-weight GGUF models (as Hugging Face tests use tiny-random models), for tests, and larger
/// ones for memory-bandwidth benchmarks. The vocabulary (<c>tokenizer.*</c> metadata) is copied from an existing
/// GGUF file.
/// </summary>
public static class TinyModelFactory
{
    /// <summary>Writes a random-weight llama-architecture model.</summary>
    /// <param name="path">Output file.</param>
    /// <param name="nLayer">Blocks.</param>
    /// <param name="nEmbd">Embedding width (a multiple of <paramref name="nHead"/>).</param>
    /// <param name="nHead">Attention heads.</param>
    /// <param name="nHeadKv">Key/value heads (divides <paramref name="nHead"/>).</param>
    /// <param name="nFf">Feed-forward width.</param>
    /// <param name="vocabularySource">A GGUF file whose <c>tokenizer.*</c> metadata is copied.</param>
    /// <param name="seed">Random seed: the same seed writes the same file.</param>
    /// <param name="weightType">F32 or F16 for the matrices (norms stay F32).</param>
    /// <param name="contextLength">Trained context length to record.</param>
    public static void WriteLlama(string path, int nLayer, int nEmbd, int nHead, int nHeadKv, int nFf, string vocabularySource, int seed, GgmlType weightType = GgmlType.F32, int contextLength = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nLayer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nHead);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nHeadKv);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nFf);
        if (nEmbd <= 0 || nEmbd % nHead != 0 || nHead % nHeadKv != 0)
        {
            throw new ArgumentException($"n_embd {nEmbd} must be a multiple of n_head {nHead}, and n_head of n_head_kv {nHeadKv}");
        }

        if (weightType is not (GgmlType.F32 or GgmlType.F16))
        {
            throw new ArgumentException("random weights are written as F32 or F16; quantize the file afterwards", nameof(weightType));
        }

        var w = new GgufWriter();
        w.AddString("general.architecture", "llama");
        w.AddString("general.name", $"tiny-random-llama-{nLayer}x{nEmbd}");
        w.AddUInt32("general.file_type", weightType == GgmlType.F16 ? 1u : 0u);
        w.AddUInt32("llama.context_length", (uint)contextLength);
        w.AddUInt32("llama.embedding_length", (uint)nEmbd);
        w.AddUInt32("llama.block_count", (uint)nLayer);
        w.AddUInt32("llama.feed_forward_length", (uint)nFf);
        w.AddUInt32("llama.attention.head_count", (uint)nHead);
        w.AddUInt32("llama.attention.head_count_kv", (uint)nHeadKv);
        w.AddUInt32("llama.rope.dimension_count", (uint)(nEmbd / nHead));
        w.AddFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        int vocab = AddTokenizerFrom(w, vocabularySource);

        ulong e = (ulong)nEmbd;
        ulong kv = (ulong)(nEmbd / nHead * nHeadKv);
        ulong ff = (ulong)nFf;
        var rng = new Random(seed);
        float scale = 1f / MathF.Sqrt(nEmbd);
        AddRandomTensor(w, "token_embd.weight", [e, (ulong)vocab], rng, 1f, weightType);
        AddConstantTensor(w, "output_norm.weight", [e], 1f);
        AddRandomTensor(w, "output.weight", [e, (ulong)vocab], rng, scale, weightType);
        for (int i = 0; i < nLayer; i++)
        {
            string b = "blk." + i.ToString(CultureInfo.InvariantCulture) + ".";
            AddConstantTensor(w, b + "attn_norm.weight", [e], 1f);
            AddRandomTensor(w, b + "attn_q.weight", [e, e], rng, scale, weightType);
            AddRandomTensor(w, b + "attn_k.weight", [e, kv], rng, scale, weightType);
            AddRandomTensor(w, b + "attn_v.weight", [e, kv], rng, scale, weightType);
            AddRandomTensor(w, b + "attn_output.weight", [e, e], rng, scale, weightType);
            AddConstantTensor(w, b + "ffn_norm.weight", [e], 1f);
            AddRandomTensor(w, b + "ffn_gate.weight", [e, ff], rng, scale, weightType);
            AddRandomTensor(w, b + "ffn_down.weight", [ff, e], rng, 1f / MathF.Sqrt(nFf), weightType);
            AddRandomTensor(w, b + "ffn_up.weight", [e, ff], rng, scale, weightType);
        }

        w.WriteFile(path);
    }

    /// <summary>Copies every <c>tokenizer.*</c> key of a GGUF file into a writer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="sourcePath">The GGUF file with a vocabulary.</param>
    /// <returns>The vocabulary size.</returns>
    public static int AddTokenizerFrom(GgufWriter writer, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var source = GgufFile.Read(sourcePath);
        foreach (string key in source.Keys.Where(k => k.StartsWith("tokenizer.", StringComparison.Ordinal)))
        {
            writer.Add(key, source.Metadata[key]);
        }

        return source.Get("tokenizer.ggml.tokens")?.Value is string[] tokens
            ? tokens.Length
            : throw new GgufFormatException($"{sourcePath} has no tokenizer.ggml.tokens");
    }

    /// <summary>Adds a tensor of uniform random values in [-scale, scale], streamed in chunks.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">Tensor name.</param>
    /// <param name="dimensions">ggml dimensions, ne0 first.</param>
    /// <param name="rng">Random source (consumed in order, so a seed gives a reproducible file).</param>
    /// <param name="scale">Largest magnitude.</param>
    /// <param name="type">F32 or F16.</param>
    public static void AddRandomTensor(GgufWriter writer, string name, ulong[] dimensions, Random rng, float scale, GgmlType type = GgmlType.F32)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(rng);
        long count = (long)dimensions.Aggregate(1UL, (a, d) => a * d);
        int width = type == GgmlType.F16 ? 2 : 4;
        // Draw the values now so the file does not depend on the order in which tensors are written.
        int seed = rng.Next();
        writer.AddTensor(name, dimensions, type, count * width, stream => WriteValues(stream, count, type, new Random(seed), scale));
    }

    /// <summary>Adds an F32 tensor filled with one value.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">Tensor name.</param>
    /// <param name="dimensions">ggml dimensions, ne0 first.</param>
    /// <param name="value">The value.</param>
    public static void AddConstantTensor(GgufWriter writer, string name, ulong[] dimensions, float value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dimensions);
        var values = new float[(long)dimensions.Aggregate(1UL, (a, d) => a * d)];
        Array.Fill(values, value);
        writer.AddTensor(name, dimensions, values);
    }

    private static void WriteValues(Stream stream, long count, GgmlType type, Random rng, float scale)
    {
        int width = type == GgmlType.F16 ? 2 : 4;
        var buffer = new byte[64 * 1024 * width];
        long left = count;
        while (left > 0)
        {
            int n = (int)Math.Min(left, buffer.Length / width);
            for (int i = 0; i < n; i++)
            {
                float v = ((float)rng.NextDouble() * 2f - 1f) * scale;
                if (type == GgmlType.F16)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(i * 2), (Half)v);
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), v);
                }
            }

            stream.Write(buffer, 0, n * width);
            left -= n;
        }
    }
}
