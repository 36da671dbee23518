using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;

namespace Agents.Models.Tests.Families;

/// <summary>A minimal decode loop straight on LLamaSharp, for tests of files this project writes.</summary>
internal static class TestEngine
{
    // llama.cpp keeps global state; tests in parallel classes load models at the same time.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static ModelParams Params(string path, uint context = 256) => new(path)
    {
        ContextSize = context,
        BatchSize = 256,
        Threads = 1,
        BatchThreads = 1,
    };

    /// <summary>Loads a model and generates up to <paramref name="maxTokens"/> tokens.</summary>
    public static string Generate(
        string modelPath,
        string prompt,
        int maxTokens,
        string? grammar = null,
        uint? seed = null,
        float temperature = 0f,
        Func<LLamaWeights, LLamaContext, IDisposable?>? configure = null)
    {
        Gate.Wait();
        try
        {
            var p = Params(modelPath);
            using var weights = LLamaWeights.LoadFromFile(p);
            using var context = weights.CreateContext(p);
            using var extra = configure?.Invoke(weights, context);
            return Run(weights, context, prompt, maxTokens, grammar, seed, temperature);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs one generation on an existing context (the KV cache is cleared first).</summary>
    public static string Run(LLamaWeights weights, LLamaContext context, string prompt, int maxTokens, string? grammar = null, uint? seed = null, float temperature = 0f)
    {
        context.NativeHandle.MemoryClear(true);
        using var pipeline = new DefaultSamplingPipeline
        {
            Temperature = temperature,
            Seed = seed ?? 42,
            Grammar = grammar is null ? null : new Grammar(grammar, "root"),
        };
        var tokens = context.Tokenize(prompt, addBos: true, special: true);
        var batch = new LLamaBatch();
        for (int i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], i, LLamaSeqId.Zero, i == tokens.Length - 1);
        }

        Check(context.Decode(batch));
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        int pos = tokens.Length;
        var text = new StringBuilder();
        for (int n = 0; n < maxTokens; n++)
        {
            var token = pipeline.Sample(context.NativeHandle, batch.TokenCount - 1);
            if (token.IsEndOfGeneration(weights.Vocab))
            {
                break;
            }

            decoder.Add(token);
            text.Append(decoder.Read());
            batch.Clear();
            batch.Add(token, pos++, LLamaSeqId.Zero, true);
            Check(context.Decode(batch));
        }

        return text.ToString();
    }

    /// <summary>
    /// Encoder-decoder (T5) generation: llama_encode over the prompt, then decoding from the decoder start token.
    /// LLamaSharp's executors do not do this; its LLamaContext.Encode and Vocab.DecoderStartToken do.
    /// <paramref name="addSpecial"/> tokenizes as llama.cpp's programs do (the vocabulary's BOS/EOS rules: a T5 vocabulary
    /// appends EOS, a llama one prepends BOS); false gives the bare prompt tokens.
    /// </summary>
    public static string GenerateEncoderDecoder(string modelPath, string prompt, int maxTokens, bool addSpecial = false)
    {
        Gate.Wait();
        try
        {
            var p = Params(modelPath);
            using var weights = LLamaWeights.LoadFromFile(p);
            using var context = weights.CreateContext(p);
            if (!weights.NativeHandle.HasEncoder)
            {
                throw new InvalidOperationException("model has no encoder");
            }

            var tokens = context.Tokenize(prompt, addBos: addSpecial, special: true);
            var batch = new LLamaBatch();
            for (int i = 0; i < tokens.Length; i++)
            {
                batch.Add(tokens[i], i, LLamaSeqId.Zero, false);
            }

            var encoded = context.Encode(batch);
            if (encoded != EncodeResult.Ok)
            {
                throw new InvalidOperationException($"encode failed: {encoded}");
            }

            var start = weights.Vocab.DecoderStartToken ?? weights.Vocab.BOS ?? throw new InvalidOperationException("no decoder start token");
            using var pipeline = new GreedySamplingPipeline();
            var decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
            var text = new StringBuilder();
            batch.Clear();
            batch.Add(start, 0, LLamaSeqId.Zero, true);
            Check(context.Decode(batch));
            for (int n = 1; n <= maxTokens; n++)
            {
                var token = pipeline.Sample(context.NativeHandle, batch.TokenCount - 1);
                if (token.IsEndOfGeneration(weights.Vocab))
                {
                    break;
                }

                decoder.Add(token);
                text.Append(decoder.Read());
                batch.Clear();
                batch.Add(token, n, LLamaSeqId.Zero, true);
                Check(context.Decode(batch));
            }

            return text.ToString();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static void WithGate(Action action)
    {
        Gate.Wait();
        try
        {
            action();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"decode failed: {result}");
        }
    }
}
