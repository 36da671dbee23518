namespace Agents.Models.Grammars;

/// <summary>Element kinds of llama.cpp's compiled grammar (llama_gretype).</summary>
internal enum GbnfElementType
{
    End,
    Alt,
    RuleRef,
    Char,
    CharNot,
    CharRngUpper,
    CharAlt,
    CharAny,
    Token,
    TokenNot,
}

/// <summary>One compiled grammar element, as llama.cpp stores it.</summary>
internal readonly record struct GbnfElement(GbnfElementType Type, uint Value)
{
    internal bool IsEndOfSequence => Type is GbnfElementType.End or GbnfElementType.Alt;
}

/// <summary>Where the last item of a sequence starts, and how many rules it stands for (repetition limit).</summary>
internal struct GbnfSequenceState(int lastSymStart)
{
    internal int LastSymStart = lastSymStart;
    internal ulong PrevRules = 1;

    internal void Mark(int start, ulong prevRules = 1)
    {
        LastSymStart = start;
        PrevRules = prevRules;
    }
}
