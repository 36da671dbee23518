namespace Agents.Models.Grammars;

/// <summary>Terminals: character classes, characters with their escapes, and token references.</summary>
internal sealed partial class GbnfParser
{
    private int ParseCharClass(int start, List<GbnfElement> rule, ref GbnfSequenceState seq)
    {
        int pos = start + 1;
        var startType = GbnfElementType.Char;
        if (At(pos) == '^')
        {
            pos++;
            startType = GbnfElementType.CharNot;
        }

        seq.Mark(rule.Count);
        int classStart = rule.Count;
        while (At(pos) != ']')
        {
            if (pos >= _src.Length)
            {
                throw Error("unterminated character class (missing closing ']')", start);
            }

            (uint ch, int next) = ParseChar(pos);
            pos = next;
            rule.Add(new GbnfElement(classStart < rule.Count ? GbnfElementType.CharAlt : startType, ch));
            if (At(pos) == '-' && At(pos + 1) != ']')
            {
                if (pos + 1 >= _src.Length)
                {
                    throw Error("unterminated character class (missing closing ']')", start);
                }

                (uint upper, int after) = ParseChar(pos + 1);
                if (upper < ch)
                {
                    throw Error("character range is reversed (upper bound below lower bound)", pos + 1);
                }

                pos = after;
                rule.Add(new GbnfElement(GbnfElementType.CharRngUpper, upper));
            }
        }

        return pos + 1;
    }

    private (uint Value, int Next) ParseChar(int pos)
    {
        char c = At(pos);
        if (c == '\\')
        {
            return At(pos + 1) switch
            {
                'x' => ParseHex(pos, 2),
                'u' => ParseHex(pos, 4),
                'U' => ParseHex(pos, 8),
                't' => ('\t', pos + 2),
                'r' => ('\r', pos + 2),
                'n' => ('\n', pos + 2),
                '\\' or '"' or '[' or ']' => (At(pos + 1), pos + 2),
                _ => throw Error(
                    pos + 1 >= _src.Length
                        ? "unexpected end of input after '\\'"
                        : $"unknown escape '\\{At(pos + 1)}' (allowed: \\n \\t \\r \\\\ \\\" \\[ \\] \\xHH \\uHHHH \\UHHHHHHHH)",
                    pos),
            };
        }

        if (pos >= _src.Length)
        {
            throw Error("unexpected end of input", pos);
        }

        if (char.IsHighSurrogate(c) && pos + 1 < _src.Length && char.IsLowSurrogate(_src[pos + 1]))
        {
            return ((uint)char.ConvertToUtf32(c, _src[pos + 1]), pos + 2);
        }

        return (c, pos + 1);
    }

    private (uint Value, int Next) ParseHex(int escapePos, int size)
    {
        int pos = escapePos + 2;
        uint value = 0;
        int end = pos + size;
        for (; pos < end && pos < _src.Length; pos++)
        {
            int digit = HexDigit(_src[pos]);
            if (digit < 0)
            {
                break;
            }

            value = (value << 4) + (uint)digit;
        }

        if (pos != end)
        {
            throw Error($"escape '\\{At(escapePos + 1)}' needs exactly {size} hex digits", escapePos);
        }

        return (value, pos);
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private int ParseToken(int start, List<GbnfElement> rule, ref GbnfSequenceState seq)
    {
        var type = GbnfElementType.Token;
        int pos = start;
        if (At(pos) == '!')
        {
            type = GbnfElementType.TokenNot;
            pos++;
        }

        if (At(pos) != '<')
        {
            throw Error($"expecting '<' after '!', found {Describe(pos)}", pos);
        }

        int tokenStart = pos;
        pos++;
        uint id = 0;
        if (At(pos) == '[')
        {
            pos++;
            int intEnd = ParseInt(pos);
            ulong value = ReadULong(pos, intEnd);
            if (value > uint.MaxValue)
            {
                throw Error("token id is too large", pos);
            }

            id = (uint)value;
            pos = intEnd;
            if (At(pos) != ']')
            {
                throw Error($"expecting ']' in token id, found {Describe(pos)}", pos);
            }

            if (At(++pos) != '>')
            {
                throw Error($"expecting '>' after token id, found {Describe(pos)}", pos);
            }

            pos++;
        }
        else
        {
            while (pos < _src.Length && _src[pos] != '>')
            {
                pos++;
            }

            if (pos >= _src.Length)
            {
                throw Error("unterminated token (missing closing '>')", tokenStart);
            }

            pos++;
            string text = _src[tokenStart..pos];
            if (_isSingleToken is not null && !_isSingleToken(text))
            {
                throw Error($"token '{text}' is not a single token of the model's vocabulary", tokenStart);
            }
        }

        seq.Mark(rule.Count);
        rule.Add(new GbnfElement(type, id));
        return pos;
    }
}
