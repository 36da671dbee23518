using System.Collections.Concurrent;
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
    private readonly List<GenerationRequest> active = [];
    private readonly Stack<int> freeSequences = new();
    private readonly SemaphoreSlim signal = new(0);
    private readonly DecodeBatch batch;
    private readonly PromptEncoder? encoder;
    private readonly Thread thread;

    /// <summary>Tokens a sequence may run ahead of its reader; keeps slow readers from piling up text and makes cancellation prompt.</summary>
    private const int MaxBacklog = 8;
    private volatile bool stopping;
    private long generatedTokens;

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
        for (var i = parallel - 1; i >= 0; i--)
        {
            freeSequences.Push(i);
        }

        thread = new Thread(Run) { IsBackground = true, Name = $"llama decode: {name}" };
        thread.Start();
    }

    /// <summary>Tokens one conversation may hold (prompt + generated).</summary>
    public int SequenceContext => sequenceContext;

    /// <summary>True when decoding calls llama_decode directly (not through LLamaSharp's batch marshalling).</summary>
    public bool DirectDecode => batch.IsDirect;

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

            request.Sequence = freeSequences.Pop();
            request.Position = 0;
            request.MarkStarted();
            if (encoder is not null && !TryEncode(request))
            {
                continue;
            }

            active.Add(request);
        }
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
            freeSequences.Push(sequence);
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

        foreach (var request in active)
        {
            request.BatchIndex = -1;
            if (request.PromptDone && batch.Count < batchSize && !request.TryPark(MaxBacklog))
            {
                request.BatchIndex = batch.Add(request.LastToken, request.Position++, request.Sequence, true);
            }
        }

        foreach (var request in active)
        {
            var budget = batchSize - batch.Count;
            if (request.PromptDone || budget <= 0)
            {
                continue;
            }

            var count = Math.Min(budget, request.Prompt.Length - request.PromptConsumed);
            var seq = request.Sequence;
            for (var k = 0; k < count; k++)
            {
                var last = request.PromptConsumed + 1 == request.Prompt.Length;
                var index = batch.Add(request.Prompt[request.PromptConsumed++], request.Position++, seq, last);
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

        var result = batch.Decode();
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode returned {result} for a batch of {batch.Count} tokens.");
        }

        for (var i = active.Count - 1; i >= 0; i--)
        {
            var request = active[i];
            if (request.BatchIndex >= 0)
            {
                Sample(request);
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
        handle.MemorySequenceRemove((LLamaSeqId)request.Sequence, 0, -1);
        freeSequences.Push(request.Sequence);
        request.Sequence = -1;
    }
}
