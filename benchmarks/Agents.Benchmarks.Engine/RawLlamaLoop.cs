using System.Diagnostics;
using System.Runtime.InteropServices;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Agents.Benchmarks.Engine;

/// <summary>
/// The reference: a minimal greedy loop straight on llama.cpp — one context (KVUnified=false), one preallocated
/// native batch, <c>llama_decode</c> called through a function pointer (no LLamaSharp batch marshalling, no lock),
/// llama.cpp's greedy sampler. What any .NET wrapper is measured against.
/// </summary>
internal sealed unsafe class RawLlamaLoop : IDisposable
{
    private readonly LLamaWeights weights;
    private readonly LLamaContext context;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, LLamaNativeBatch, int> decode;
    private readonly int capacity;
    private readonly LLamaToken* tokens;
    private readonly LLamaPos* positions;
    private readonly int* seqCounts;
    private readonly LLamaSeqId** seqIds;
    private readonly LLamaSeqId* seqZero;
    private readonly LLamaSeqId* seqValues;
    private readonly byte* logits;

    public RawLlamaLoop(string path, int threads, int contextSize, int batchSize, int sequences = 1)
    {
        var parameters = new ModelParams(path)
        {
            GpuLayerCount = 0,
            LoadMode = LLamaLoadMode.MemoryMap,
            ContextSize = (uint)(contextSize * sequences),
            BatchSize = (uint)batchSize,
            UBatchSize = (uint)batchSize,
            SeqMax = (uint)sequences,
            KVUnified = false,
            Threads = threads,
            BatchThreads = threads,
        };
        weights = LLamaWeights.LoadFromFile(parameters);
        context = weights.CreateContext(parameters);
        var library = NativeLibrary.Load("libllama.so");
        decode = (delegate* unmanaged[Cdecl]<IntPtr, LLamaNativeBatch, int>)NativeLibrary.GetExport(library, "llama_decode");
        capacity = batchSize;
        tokens = (LLamaToken*)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(LLamaToken));
        positions = (LLamaPos*)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(LLamaPos));
        seqCounts = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        seqIds = (LLamaSeqId**)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(IntPtr));
        seqZero = (LLamaSeqId*)NativeMemory.AllocZeroed(1, (nuint)sizeof(LLamaSeqId));
        logits = (byte*)NativeMemory.Alloc((nuint)capacity, 1);
        seqValues = (LLamaSeqId*)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(LLamaSeqId));
        for (var i = 0; i < capacity; i++)
        {
            seqCounts[i] = 1;
            seqIds[i] = seqZero;
        }
    }

    public LLamaWeights Weights => weights;

    /// <summary>Decodes the prompt, then up to <paramref name="maxTokens"/> greedy tokens. Returns counts and seconds.</summary>
    public (int Prompt, int Generated, double PromptSeconds, double DecodeSeconds, List<int> Tokens) Run(string prompt, int maxTokens)
    {
        var handle = context.NativeHandle;
        handle.MemoryClear(true);
        var promptTokens = weights.NativeHandle.Tokenize(prompt, true, true, System.Text.Encoding.UTF8);
        using var sampler = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        sampler.AddGreedySampler();
        var vocab = weights.NativeHandle.Vocab;
        var ctx = handle.DangerousGetHandle();

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < promptTokens.Length; i++)
        {
            tokens[i] = promptTokens[i];
            positions[i] = i;
            logits[i] = (byte)(i == promptTokens.Length - 1 ? 1 : 0);
        }

        Check(decode(ctx, Batch(promptTokens.Length)));
        var promptDone = Stopwatch.GetTimestamp();

        var generated = new List<int>(maxTokens);
        var pos = promptTokens.Length;
        var index = promptTokens.Length - 1;
        for (var n = 0; n < maxTokens; n++)
        {
            var token = sampler.Sample(handle, index);
            if (token.IsEndOfGeneration(vocab))
            {
                break;
            }

            generated.Add((int)token);
            if (n + 1 == maxTokens)
            {
                break;
            }

            tokens[0] = token;
            positions[0] = pos++;
            logits[0] = 1;
            index = 0;
            Check(decode(ctx, Batch(1)));
        }

        var end = Stopwatch.GetTimestamp();
        return (promptTokens.Length, generated.Count, Stopwatch.GetElapsedTime(start, promptDone).TotalSeconds, Stopwatch.GetElapsedTime(promptDone, end).TotalSeconds, generated);
    }

    /// <summary>
    /// <paramref name="sequences"/> greedy streams of the same prompt decoded together: one batch per step holding
    /// the next token of every sequence (what a server does for concurrent requests). Returns tokens generated, all
    /// sequences together, and the seconds spent, prompts included (as a server's clients see it).
    /// </summary>
    public (int Generated, double DecodeSeconds) RunBatched(string prompt, int maxTokens, int sequences)
    {
        var handle = context.NativeHandle;
        handle.MemoryClear(true);
        var promptTokens = weights.NativeHandle.Tokenize(prompt, true, true, System.Text.Encoding.UTF8);
        using var sampler = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        sampler.AddGreedySampler();
        var ctx = handle.DangerousGetHandle();
        var n = 0;
        for (var s = 0; s < sequences; s++)
        {
            for (var i = 0; i < promptTokens.Length; i++, n++)
            {
                tokens[n] = promptTokens[i];
                positions[n] = i;
                seqValues[n] = (LLamaSeqId)s;
                seqIds[n] = seqValues + n;
                logits[n] = (byte)(i == promptTokens.Length - 1 ? 1 : 0);
            }
        }

        var start = Stopwatch.GetTimestamp();
        Check(decode(ctx, Batch(n)));
        var generated = 0;
        var pos = promptTokens.Length;
        for (var step = 0; step < maxTokens; step++)
        {
            for (var s = 0; s < sequences; s++)
            {
                // After the prompt batch the logits of sequence s sit at its last prompt token; after a step, at s.
                var index = step == 0 ? (s + 1) * promptTokens.Length - 1 : s;
                tokens[s] = sampler.Sample(handle, index);
                positions[s] = pos;
                seqValues[s] = (LLamaSeqId)s;
                seqIds[s] = seqValues + s;
                logits[s] = 1;
                generated++;
            }

            pos++;
            Check(decode(ctx, Batch(sequences)));
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        for (var i = 0; i < capacity; i++)
        {
            seqIds[i] = seqZero;
        }

        return (generated, seconds);
    }

    public void Dispose()
    {
        context.Dispose();
        weights.Dispose();
        NativeMemory.Free(tokens);
        NativeMemory.Free(positions);
        NativeMemory.Free(seqCounts);
        NativeMemory.Free(seqIds);
        NativeMemory.Free(seqZero);
        NativeMemory.Free(logits);
        NativeMemory.Free(seqValues);
    }

    private LLamaNativeBatch Batch(int count) => new()
    {
        n_tokens = count,
        tokens = tokens,
        embd = null,
        pos = positions,
        n_seq_id = seqCounts,
        seq_id = seqIds,
        logits = logits,
    };

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"llama_decode returned {result}");
        }
    }
}
