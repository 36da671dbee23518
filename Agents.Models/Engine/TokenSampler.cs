using Agents.Models.Grammars;
using LLama.Native;

namespace Agents.Models.Engine;

/// <summary>
/// One request's llama.cpp sampler chain. Without a grammar it samples natively in one call. With a grammar it
/// applies the chain to the logits itself and accepts the chosen token only when the grammar allowed one: asked to
/// accept a token its grammar rejects, llama.cpp throws a C++ exception that aborts the whole process, and that is
/// what happens when a grammar requires text no token of the model's vocabulary can spell (a vocabulary without byte
/// fallback, such as T5's, and a character it lacks).
/// </summary>
internal sealed class TokenSampler : IDisposable
{
    private readonly SafeLLamaSamplerChainHandle chain;
    private readonly bool hasGrammar;
    private LLamaTokenData[]? candidates;

    /// <param name="chain">The chain (owned: disposed with this sampler).</param>
    /// <param name="hasGrammar">True when the chain holds a grammar sampler.</param>
    public TokenSampler(SafeLLamaSamplerChainHandle chain, bool hasGrammar)
    {
        this.chain = chain;
        this.hasGrammar = hasGrammar;
    }

    /// <summary>Samples and accepts the next token from the logits of batch row <paramref name="index"/>.</summary>
    /// <exception cref="GrammarException">The grammar allows no token of the vocabulary here.</exception>
    public LLamaToken Sample(SafeLLamaContextHandle context, int index)
    {
        if (!hasGrammar)
        {
            return chain.Sample(context, index);
        }

        var logits = context.GetLogitsIth(index);
        candidates ??= new LLamaTokenData[logits.Length];
        var array = LLamaTokenDataArray.Create(logits, candidates);
        using (LLamaTokenDataArrayNative.Create(array, out var native))
        {
            chain.Apply(ref native);
            var selected = native.Selected;
            if (selected < 0 || (ulong)selected >= native.Size || float.IsNegativeInfinity(native.Data[(int)selected].Logit))
            {
                throw new GrammarException("The grammar allows no token of this model's vocabulary at this point: it requires text the vocabulary cannot spell.");
            }

            var token = native.Data[(int)selected].ID;
            chain.Accept(token);
            return token;
        }
    }

    /// <inheritdoc />
    public void Dispose() => chain.Dispose();
}
