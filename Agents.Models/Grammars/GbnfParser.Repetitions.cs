namespace Agents.Models.Grammars;

/// <summary>Repetition operators: <c>{m,n}</c> parsing and llama.cpp's rewrite of repetitions into rules.</summary>
internal sealed partial class GbnfParser
{
    private int ParseBraces(int start, List<GbnfElement> rule, ref GbnfSequenceState seq, string ruleName, bool isNested)
    {
        int pos = ParseSpace(start + 1, isNested);
        if (!IsDigit(At(pos)))
        {
            throw Error($"expecting an integer after '{{', found {Describe(pos)}", pos);
        }

        int intEnd = ParseInt(pos);
        ulong min = ReadULong(pos, intEnd);
        pos = ParseSpace(intEnd, isNested);
        ulong max = ulong.MaxValue;
        if (At(pos) == '}')
        {
            max = min;
            pos = ParseSpace(pos + 1, isNested);
        }
        else if (At(pos) == ',')
        {
            pos = ParseSpace(pos + 1, isNested);
            if (IsDigit(At(pos)))
            {
                int maxStart = pos;
                intEnd = ParseInt(pos);
                max = ReadULong(pos, intEnd);
                pos = ParseSpace(intEnd, isNested);
                if (max < min)
                {
                    throw Error($"repetition maximum {max} is less than its minimum {min}", maxStart);
                }
            }

            if (At(pos) != '}')
            {
                throw Error($"expecting '}}' to close the repetition, found {Describe(pos)}", pos);
            }

            pos = ParseSpace(pos + 1, isNested);
        }
        else
        {
            throw Error($"expecting ',' or '}}' in the repetition, found {Describe(pos)}", pos);
        }

        if (min > MaxRepetitionThreshold)
        {
            throw Error($"repetition minimum {min} exceeds llama.cpp's limit of {MaxRepetitionThreshold}", start);
        }

        if (max != ulong.MaxValue && max > MaxRepetitionThreshold)
        {
            throw Error($"repetition maximum {max} exceeds llama.cpp's limit of {MaxRepetitionThreshold}", start);
        }

        HandleRepetitions(rule, ref seq, ruleName, min, max, start);
        return pos;
    }

    private void HandleRepetitions(List<GbnfElement> rule, ref GbnfSequenceState seq, string ruleName, ulong min, ulong max, int opPos)
    {
        bool noMax = max == ulong.MaxValue;
        if (seq.LastSymStart == rule.Count)
        {
            throw Error($"repetition operator {Describe(opPos)} has no preceding item", opPos);
        }

        var prev = rule.GetRange(seq.LastSymStart, rule.Count - seq.LastSymStart);
        ulong total = 1;
        if (!noMax && max > 0)
        {
            total = max;
        }
        else if (min > 0)
        {
            total = min;
        }

        if (seq.PrevRules * total >= MaxRepetitionThreshold || total >= MaxRepetitionThreshold)
        {
            throw Error(
                $"nested repetition expands to {seq.PrevRules}x{total} rules, over llama.cpp's limit of {MaxRepetitionThreshold}",
                opPos);
        }

        if (min == 0)
        {
            rule.RemoveRange(seq.LastSymStart, rule.Count - seq.LastSymStart);
        }
        else
        {
            for (ulong i = 1; i < min; i++)
            {
                rule.AddRange(prev);
            }
        }

        int lastRec = 0;
        ulong nOpt = noMax ? 1 : max - min;
        for (ulong i = 0; i < nOpt; i++)
        {
            var rec = new List<GbnfElement>(prev);
            int recId = GenerateSymbolId(ruleName, opPos);
            if (i > 0 || noMax)
            {
                rec.Add(new GbnfElement(GbnfElementType.RuleRef, (uint)(noMax ? recId : lastRec)));
            }

            rec.Add(new GbnfElement(GbnfElementType.Alt, 0));
            rec.Add(new GbnfElement(GbnfElementType.End, 0));
            AddRule(recId, rec);
            lastRec = recId;
        }

        if (nOpt > 0)
        {
            rule.Add(new GbnfElement(GbnfElementType.RuleRef, (uint)lastRec));
        }

        seq.PrevRules *= total;
    }
}
