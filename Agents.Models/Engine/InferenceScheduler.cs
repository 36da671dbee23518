using System.Collections.Concurrent;
using Agents.Models.Grammars;
using LLama;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace Agents.Models.Engine;

/// <summary>
/// Runs every active conversation of one model on one llama.cpp context: each step puts the next token of
/// every generating sequence, plus as many pending prompt tokens as fit, into a single batch and calls
/// llama_decode once. One dedicated thread owns the context, so no lock serializes conversations, and a
/// single stream pays only for one native decode and one sample per token.
/// For an encoder-decoder model (T5) a <see cref="PromptEncoder"/> runs each prompt through llama_encode when the
/// request is admitted; the model then has a single sequence slot, because llama.cpp keeps one encoder output per
/// context: one conversation decodes at a time and the others wait in the queue, in order. The per-token loop is
/// the same for both kinds of model.
/// </summary>
internal sealed class InferenceScheduler : IDisposable
{
    private readonly LLamaContext context;
    private readonly SafeLLamaContextHandle handle;
    private readonly SafeLlamaModelHandle.Vocabulary vocab;
    private readonly int sequenceContext;
    private readonly int batchSize;
    private readonly ConcurrentQueue<GenerationRequest> incoming = new();
    // Kept in sequence-id order, and a new request takes a free id next to the ones decoding: with one KV stream per
    // sequence (KVUnified = false) llama.cpp puts only sequences with consecutive, increasing ids into one
    // micro-batch, so a batch written out of order or with gaps is decoded as several passes over the weights
    // (measured: a step of 4 sequences ordered 1,2,3,0 took 1.7–2x the time of 0,1,2,3 on a bandwidth-bound model).
    private readonly List<GenerationRequest> active = [];
    private readonly SortedSet<int> freeSequences = [];
    private readonly int[] stepTokens;
    private readonly SemaphoreSlim signal = new(0);
    private readonly DecodeBatch batch;
    private readonly PromptEncoder? encoder;
    private readonly Thread thread;

    /// <summary>Tokens a sequence may run ahead of its reader; keeps slow readers from piling up text and makes cancellation prompt.</summary>
    private const int MaxBacklog = 8;
    private volatile bool stopping;
    private long generatedTokens;
    private int activeCount;

    /// <param name="context">The context this scheduler owns (disposed with it).</param>
    /// <param name="sequenceContext">Tokens one conversation may hold.</param>
    /// <param name="parallel">Sequence slots: conversations that decode at the same time (1 with an encoder).</param>
    /// <param name="name">Model name for the decode thread.</param>
    /// <param name="encoder">Set for encoder-decoder models: encodes each prompt when its request is admitted.</param>
    public InferenceScheduler(LLamaContext context, int sequenceContext, int parallel, string name, PromptEncoder? encoder = null)
    {
        if (encoder is not null && parallel != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parallel), parallel, "An encoder-decoder model runs one conversation at a time (llama.cpp keeps one encoder output per context).");
        }

        this.encoder = encoder;
        this.context = context;
        handle = context.NativeHandle;
        vocab = handle.ModelHandle.Vocab;
        this.sequenceContext = sequenceContext;
        batchSize = (int)handle.BatchSize;
        batch = new DecodeBatch(handle, batchSize);
        stepTokens = new int[parallel];
        for (var i = 0; i < parallel; i++)
        {
            freeSequences.Add(i);
        }

        thread = new Thread(Run) { IsBackground = true, Name = $"llama decode: {name}" };
        thread.Start();
    }

    /// <summary>Tokens one conversation may hold (prompt + generated).</summary>
    public int SequenceContext => sequenceContext;

    /// <summary>True when decoding calls llama_decode directly (not through LLamaSharp's batch marshalling).</summary>
    public bool DirectDecode => batch.IsDirect;

    /// <summary>Tests only: called on the decode thread with the sequence id of every token of each batch, in batch order.</summary>
    internal Action<int[]>? BatchObserver { get; set; }

    /// <summary>Sequences decoding now (a snapshot for tests and diagnostics).</summary>
    public int ActiveCount => Volatile.Read(ref activeCount);

    /// <summary>Tokens sampled so far, all conversations together.</summary>
    public long GeneratedTokens => Volatile.Read(ref generatedTokens);

    public void Enqueue(GenerationRequest request)
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        incoming.Enqueue(request);
        signal.Release();
    }

    /// <summary>Called by a reader that caught up with a parked sequence.</summary>
    public void Wake() => signal.Release();

    public void Dispose()
    {
        if (stopping)
        {
            return;
        }

        stopping = true;
        signal.Release();
        if (Thread.CurrentThread != thread)
        {
            thread.Join();
        }

        context.Dispose();
        batch.Dispose();
        signal.Dispose();
    }

    private void Run()
    {
        while (!stopping)
        {
            Admit();
            if (active.Count == 0)
            {
                signal.Wait();
                continue;
            }

            try
            {
                Step();
            }
            catch (Exception ex)
            {
                foreach (var request in active.ToArray())
                {
                    Release(request);
                    request.Fail(new InvalidOperationException($"Decoding failed: {ex.Message}", ex));
                }
            }
        }

        var disposed = new ObjectDisposedException(nameof(LocalModel), "The model was disposed while generating.");
        foreach (var request in active.ToArray())
        {
            Release(request);
            request.Fail(disposed);
        }

        while (incoming.TryDequeue(out var waiting))
        {
            waiting.Fail(disposed);
        }
    }

    private void Admit()
    {
        while (freeSequences.Count > 0 && incoming.TryDequeue(out var request))
        {
            if (request.CancellationToken.IsCancellationRequested)
            {
                request.Fail(new OperationCanceledException(request.CancellationToken));
                continue;
            }

            request.Sequence = TakeSequence();
            request.Position = 0;
            request.MarkStarted();
            if (encoder is not null && !TryEncode(request))
            {
                continue;
            }

            InsertActive(request);
        }
    }

    /// <summary>
    /// A free sequence id next to the ones in use (one that fills a gap first, then one that extends the run), the
    /// lowest among equals: keeps the ids in use consecutive, so a step stays one micro-batch.
    /// </summary>
    private int TakeSequence()
    {
        var best = -1;
        var bestNeighbours = -1;
        foreach (var id in freeSequences)
        {
            var neighbours = (InUse(id - 1) ? 1 : 0) + (InUse(id + 1) ? 1 : 0);
            if (neighbours > bestNeighbours)
            {
                (best, bestNeighbours) = (id, neighbours);
            }
        }

        freeSequences.Remove(best);
        return best;

        // Every id below the slot count (stepTokens has one entry per slot) is either free or in use.
        bool InUse(int id) => id >= 0 && id < stepTokens.Length && !freeSequences.Contains(id);
    }

    /// <summary>
    /// When a conversation in the middle has ended and none is waiting to take its id, the ids in use have a gap and
    /// every step would run as one pass over the weights per consecutive run. The highest sequence then moves into the
    /// lowest free id inside the range: llama.cpp copies its KV stream (done inside the next llama_decode, before it
    /// computes) and the old id is cleared. One stream copy per gap, instead of an extra pass on every later step.
    /// </summary>
    private void CloseGaps()
    {
        while (active.Count > 1 && active[^1].Sequence - active[0].Sequence + 1 > active.Count)
        {
            var request = active[^1];
            var from = request.Sequence;
            var to = freeSequences.GetViewBetween(active[0].Sequence + 1, from - 1).Min;
            handle.MemorySequenceCopy((LLamaSeqId)from, (LLamaSeqId)to, -1, -1);
            handle.MemorySequenceRemove((LLamaSeqId)from, 0, -1);
            freeSequences.Remove(to);
            freeSequences.Add(from);
            request.Sequence = to;
            active.RemoveAt(active.Count - 1);
            InsertActive(request);
        }
    }

    /// <summary>Adds a request to <see cref="active"/> at its place in sequence-id order.</summary>
    private void InsertActive(GenerationRequest request)
    {
        var at = active.FindIndex(other => other.Sequence > request.Sequence);
        active.Insert(at < 0 ? active.Count : at, request);
        Volatile.Write(ref activeCount, active.Count);
    }

    /// <summary>Encoder-decoder models only: runs the prompt through llama_encode; on failure the request fails alone.</summary>
    private bool TryEncode(GenerationRequest request)
    {
        try
        {
            encoder!.Encode(handle, request);
            return true;
        }
        catch (Exception ex)
        {
            var sequence = request.Sequence;
            handle.MemorySequenceRemove((LLamaSeqId)sequence, 0, -1);
            freeSequences.Add(sequence);
            request.Sequence = -1;
            request.Fail(ex is ContextOverflowException ? ex : new InvalidOperationException($"Encoding the prompt failed: {ex.Message}", ex));
            return false;
        }
    }

    private void Step()
    {
        batch.Clear();
        for (var i = active.Count - 1; i >= 0; i--)
        {
            var request = active[i];
            if (request.CancellationToken.IsCancellationRequested)
            {
                Release(request);
                request.Fail(new OperationCanceledException(request.CancellationToken));
            }
        }

        CloseGaps();

        // What each sequence puts in this step: generating sequences one token each first, then pending prompts
        // share what is left of the batch, in order.
        var budget = batchSize;
        for (var i = 0; i < active.Count; i++)
        {
            var request = active[i];
            request.BatchIndex = -1;
            stepTokens[i] = 0;
            if (request.PromptDone && budget > 0 && !request.TryPark(MaxBacklog))
            {
                stepTokens[i] = 1;
                budget--;
            }
        }

        for (var i = 0; i < active.Count && budget > 0; i++)
        {
            var request = active[i];
            if (!request.PromptDone)
            {
                stepTokens[i] = Math.Min(budget, request.Prompt.Length - request.PromptConsumed);
                budget -= stepTokens[i];
            }
        }

        // Written in sequence-id order (see active): one micro-batch when the ids in use are consecutive.
        for (var i = 0; i < active.Count; i++)
        {
            var request = active[i];
            if (stepTokens[i] == 0)
            {
                continue;
            }

            if (request.PromptDone)
            {
                request.BatchIndex = batch.Add(request.LastToken, request.Position++, request.Sequence, true);
                continue;
            }

            for (var k = 0; k < stepTokens[i]; k++)
            {
                var last = request.PromptConsumed + 1 == request.Prompt.Length;
                var index = batch.Add(request.Prompt[request.PromptConsumed++], request.Position++, request.Sequence, last);
                if (last)
                {
                    request.BatchIndex = index;
                }
            }
        }

        if (batch.Count == 0)
        {
            // Every sequence waits for its reader: sleep until one reads (the timeout is only a safety net).
            signal.Wait(50);
            return;
        }

        BatchObserver?.Invoke([.. active.SelectMany((request, i) => Enumerable.Repeat(request.Sequence, stepTokens[i]))]);
        var result = batch.Decode();
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode returned {result} for a batch of {batch.Count} tokens.");
        }

        for (var i = active.Count - 1; i >= 0; i--)
        {
            var request = active[i];
            if (request.BatchIndex < 0)
            {
                continue;
            }

            try
            {
                Sample(request);
            }
            catch (GrammarException ex)
            {
                // This request's grammar reached a dead end; the others in the batch go on.
                Release(request);
                request.Fail(ex);
            }
        }
    }

    private void Sample(GenerationRequest request)
    {
        if (request.CompletionTokens == 0)
        {
            request.MarkPromptDone();
        }

        var token = request.Sampler.Sample(handle, request.BatchIndex);
        Volatile.Write(ref generatedTokens, generatedTokens + 1);
        if (token.IsEndOfGeneration(vocab))
        {
            Finish(request, ChatFinishReason.Stop);
            return;
        }

        request.CompletionTokens++;
        if (token.IsControl(vocab))
        {
            // Control tokens are not shown, but a template's stop string can be one (e.g. <|im_end|> not marked end-of-generation).
            if (request.Stops.IsStopString(request.Text.ControlText(token)))
            {
                Finish(request, ChatFinishReason.Stop);
                return;
            }
        }
        else
        {
            request.Emit(request.Stops.Push(request.Text.Append(token)));
        }

        if (request.Stops.Stopped)
        {
            Finish(request, ChatFinishReason.Stop);
        }
        else if (request.CompletionTokens >= request.MaxTokens || request.Position + 1 >= sequenceContext)
        {
            Finish(request, ChatFinishReason.Length);
        }
        else
        {
            request.LastToken = token;
        }
    }

    private void Finish(GenerationRequest request, ChatFinishReason reason)
    {
        Release(request);
        request.Complete(reason);
    }

    private void Release(GenerationRequest request)
    {
        active.Remove(request);
        Volatile.Write(ref activeCount, active.Count);
        handle.MemorySequenceRemove((LLamaSeqId)request.Sequence, 0, -1);
        freeSequences.Add(request.Sequence);
        request.Sequence = -1;
    }
}
