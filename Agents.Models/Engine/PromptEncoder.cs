using LLama;
using LLama.Native;

namespace Agents.Models.Engine;

/// <summary>
/// The prompt step of an encoder-decoder model (T5, ChatYuan): the whole prompt goes through <c>llama_encode</c>
/// on the request's sequence, and the request is left ready to decode from the decoder start token at position 0.
/// llama.cpp keeps a single encoder output per context (the cross-attention input of every later decode), so the
/// scheduler runs one encoder-decoder conversation at a time and encodes the next prompt only once the previous
/// conversation has finished. Runs once per request, never per token.
/// </summary>
internal sealed class PromptEncoder
{
    private readonly LLamaBatch batch = new();
    private readonly LLamaToken decoderStart;

    /// <param name="decoderStart">The model's decoder start token (BOS where the model names none, as llama.cpp does).</param>
    /// <param name="maxPromptTokens">The context's micro-batch size: llama.cpp encodes a prompt in one micro-batch and aborts on a longer one.</param>
    public PromptEncoder(LLamaToken decoderStart, int maxPromptTokens)
    {
        this.decoderStart = decoderStart;
        MaxPromptTokens = maxPromptTokens;
    }

    /// <summary>The longest prompt one call encodes; the context's batch size is set to this.</summary>
    public int MaxPromptTokens { get; }

    /// <summary>
    /// The encoder for a model that has one, or null for a decoder-only model. An encoder-only model (no decoder,
    /// e.g. <c>t5encoder</c>) and one with neither a decoder start token nor BOS cannot generate: <see cref="ModelLoadException"/>.
    /// </summary>
    public static PromptEncoder? ForModel(LLamaWeights weights, LocalModelOptions options, int perSequence)
    {
        var model = weights.NativeHandle;
        if (!model.HasEncoder)
        {
            return null;
        }

        if (!model.HasDecoder)
        {
            throw new ModelLoadException(options.ModelPath, "the model has an encoder but no decoder (an encoder-only model cannot generate text)");
        }

        // llama.cpp's own examples fall back to BOS when decoder_start_token_id is unset (-1).
        var start = model.Vocab.DecoderStartToken ?? model.Vocab.BOS
            ?? throw new ModelLoadException(options.ModelPath, "the encoder-decoder model names neither a decoder start token nor a BOS token");
        // At least one conversation's context, so any prompt that fits the context is encoded in one call.
        return new PromptEncoder(start, Math.Max(options.BatchSize, perSequence));
    }

    /// <summary>Encodes the request's prompt; throws (and leaves the request untouched) when llama.cpp refuses it.</summary>
    public void Encode(SafeLLamaContextHandle context, GenerationRequest request)
    {
        var prompt = request.Prompt;
        if (prompt.Length > MaxPromptTokens)
        {
            // Checked here because llama_encode asserts (aborting the process) instead of returning an error.
            throw new ContextOverflowException(prompt.Length, MaxPromptTokens);
        }

        batch.Clear();
        var sequence = (LLamaSeqId)request.Sequence;
        for (var i = 0; i < prompt.Length; i++)
        {
            batch.Add(prompt[i], i, sequence, false);
        }

        var result = context.Encode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_encode returned {result} for a prompt of {prompt.Length} tokens.");
        }

        // The prompt lives in the encoder output, not in the decoder's cache: decoding starts at position 0.
        request.PromptConsumed = prompt.Length;
        request.Position = 0;
        request.LastToken = decoderStart;
    }
}
