using System.Globalization;
using System.Text;

namespace Agents.Models.Grammars;

/// <summary>
/// A re-implementation of llama.cpp's GBNF parser (src/llama-grammar.cpp, tag b10221) that builds the same
/// rule table, so that every grammar llama.cpp would reject is rejected here first, with a line and column.
/// </summary>
internal sealed class GbnfParser
{
    internal const int MaxRepetitionThreshold = 2000;

    /// <summary>Deepest nesting of parentheses accepted (deeper input would overflow the stack here and in llama.cpp).</summary>
    internal const int MaxNesting = 256;

    private readonly string _src;
    private readonly Dictionary<string, int> _symbolIds = new(StringComparer.Ordinal);
    private readonly List<List<GbnfElement>?> _rules = [];
    private readonly Dictionary<int, int> _rulePositions = [];
    private readonly Func<string, bool>? _isSingleToken;
    private int _depth;

    private GbnfParser(string src, Func<string, bool>? isSingleToken)
    {
        _src = src;
        _isSingleToken = isSingleToken;
    }

    /// <summary>Rule table: index = symbol id; elements end with <see cref="GbnfElementType.End"/>.</summary>
    internal IReadOnlyList<List<GbnfElement>?> Rules => _rules;

    /// <summary>Symbol name → id (named and generated rules).</summary>
    internal IReadOnlyDictionary<string, int> SymbolIds => _symbolIds;

    /// <summary>Parses a grammar; throws <see cref="GrammarException"/> at the first error.</summary>
    internal static GbnfParser Parse(string src, Func<string, bool>? isSingleToken = null)
    {
        int nul = src.IndexOf('\0', StringComparison.Ordinal);
        var parser = new GbnfParser(src, isSingleToken);
        if (nul >= 0)
        {
            throw parser.Error("NUL character in grammar (llama.cpp would stop reading here)", nul);
        }

        int pos = parser.ParseSpace(0, true);
        while (pos < src.Length)
        {
            pos = parser.ParseRule(pos);
        }

        parser.CheckAllRulesDefined();
        return parser;
    }

    /// <summary>Position (index into the source) where a rule id was defined, or -1.</summary>
    internal int PositionOf(int ruleId) => _rulePositions.TryGetValue(ruleId, out int p) ? p : -1;

    /// <summary>The name of a symbol id (generated names look like <c>rule_3</c>).</summary>
    internal string NameOf(int ruleId)
    {
        foreach (var kv in _symbolIds)
        {
            if (kv.Value == ruleId)
            {
                return kv.Key;
            }
        }

        return ruleId.ToString(CultureInfo.InvariantCulture);
    }

    internal GrammarException Error(string reason, int index)
    {
        (int line, int column) = GbnfPosition.LineColumn(_src, index);
        return new GrammarException(reason, line, column);
    }

    private char At(int i) => i < _src.Length ? _src[i] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '-' or (>= '0' and <= '9');

    private int ParseSpace(int pos, bool newlineOk)
    {
        while (true)
        {
            char c = At(pos);
            if (c == '#')
            {
                while (pos < _src.Length && _src[pos] is not ('\r' or '\n'))
                {
                    pos++;
                }
            }
            else if (c is ' ' or '\t' || (newlineOk && c is '\r' or '\n'))
            {
                pos++;
            }
            else
            {
                return pos;
            }
        }
    }

    private int ParseName(int pos)
    {
        int start = pos;
        while (IsWordChar(At(pos)))
        {
            pos++;
        }

        if (pos == start)
        {
            throw Error($"expecting a rule name (letters, digits, '-'), found {Describe(start)}", start);
        }

        return pos;
    }

    private int ParseInt(int pos)
    {
        int start = pos;
        while (IsDigit(At(pos)))
        {
            pos++;
        }

        if (pos == start)
        {
            throw Error($"expecting an integer, found {Describe(start)}", start);
        }

        return pos;
    }

    private ulong ReadULong(int start, int end)
    {
        if (!ulong.TryParse(_src.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            throw Error("repetition count is too large", start);
        }

        return value;
    }

    internal string Describe(int pos)
    {
        if (pos >= _src.Length)
        {
            return "end of input";
        }

        char c = _src[pos];
        return c switch
        {
            '\n' => "a newline",
            '\r' => "a carriage return",
            '\t' => "a tab",
            _ => $"'{_src.Substring(pos, Math.Min(char.IsSurrogatePair(_src, pos) ? 2 : 1, _src.Length - pos))}'",
        };
    }

    private int GetSymbolId(string name)
    {
        if (!_symbolIds.TryGetValue(name, out int id))
        {
            id = _symbolIds.Count;
            _symbolIds[name] = id;
        }

        return id;
    }

    private int GenerateSymbolId(string baseName, int pos)
    {
        int next = _symbolIds.Count;
        _symbolIds[baseName + "_" + next.ToString(CultureInfo.InvariantCulture)] = next;
        _rulePositions.TryAdd(next, pos);
        return next;
    }

    private void AddRule(int ruleId, List<GbnfElement> rule)
    {
        while (_rules.Count <= ruleId)
        {
            _rules.Add(null);
        }

        _rules[ruleId] = rule;
    }

    private int ParseRule(int start)
    {
        int nameEnd = ParseName(start);
        int pos = ParseSpace(nameEnd, false);
        string name = _src[start..nameEnd];
        int ruleId = GetSymbolId(name);
        _rulePositions[ruleId] = start;
        if (!(At(pos) == ':' && At(pos + 1) == ':' && At(pos + 2) == '='))
        {
            string hint = At(pos) == '_' ? " (rule names may contain only letters, digits and '-')" : string.Empty;
            throw Error($"expecting '::=' after rule name '{name}', found {Describe(pos)}{hint}", pos);
        }

        pos = ParseSpace(pos + 3, true);
        pos = ParseAlternates(pos, name, ruleId, false);
        if (At(pos) == '\r')
        {
            pos += At(pos + 1) == '\n' ? 2 : 1;
        }
        else if (At(pos) == '\n')
        {
            pos++;
        }
        else if (pos < _src.Length)
        {
            string hint = At(pos) switch
            {
                ')' => " (unbalanced ')')",
                '|' => string.Empty,
                _ => " (a sequence cannot continue on the next line outside parentheses)",
            };
            throw Error($"expecting end of line after rule '{name}', found {Describe(pos)}{hint}", pos);
        }

        return ParseSpace(pos, true);
    }

    private int ParseAlternates(int pos, string ruleName, int ruleId, bool isNested)
    {
        var rule = new List<GbnfElement>();
        pos = ParseSequence(pos, ruleName, rule, isNested);
        while (At(pos) == '|')
        {
            rule.Add(new GbnfElement(GbnfElementType.Alt, 0));
            pos = ParseSpace(pos + 1, true);
            pos = ParseSequence(pos, ruleName, rule, isNested);
        }

        rule.Add(new GbnfElement(GbnfElementType.End, 0));
        AddRule(ruleId, rule);
        return pos;
    }

    private int ParseSequence(int pos, string ruleName, List<GbnfElement> rule, bool isNested)
    {
        var seq = new GbnfSequenceState(rule.Count);
        while (pos < _src.Length)
        {
            char c = _src[pos];
            int itemStart = pos;
            if (c == '"')
            {
                pos++;
                seq.Mark(rule.Count);
                while (At(pos) != '"')
                {
                    if (pos >= _src.Length)
                    {
                        throw Error("unterminated string literal (missing closing '\"')", itemStart);
                    }

                    (uint ch, int next) = ParseChar(pos);
                    pos = next;
                    rule.Add(new GbnfElement(GbnfElementType.Char, ch));
                }

                pos = ParseSpace(pos + 1, isNested);
            }
            else if (c == '[')
            {
                pos = ParseCharClass(pos, rule, ref seq);
                pos = ParseSpace(pos, isNested);
            }
            else if (c is '<' or '!')
            {
                pos = ParseToken(pos, rule, ref seq);
                pos = ParseSpace(pos, isNested);
            }
            else if (IsWordChar(c))
            {
                int nameEnd = ParseName(pos);
                int refId = GetSymbolId(_src[pos..nameEnd]);
                _rulePositions.TryAdd(refId, -1 - pos);
                pos = ParseSpace(nameEnd, isNested);
                seq.Mark(rule.Count);
                rule.Add(new GbnfElement(GbnfElementType.RuleRef, (uint)refId));
            }
            else if (c == '(')
            {
                if (++_depth > MaxNesting)
                {
                    throw Error($"parentheses nest deeper than {MaxNesting} levels", itemStart);
                }

                pos = ParseSpace(pos + 1, true);
                int before = _symbolIds.Count;
                int subId = GenerateSymbolId(ruleName, itemStart);
                pos = ParseAlternates(pos, ruleName, subId, true);
                seq.Mark(rule.Count, (ulong)Math.Max(1, _symbolIds.Count - before));
                rule.Add(new GbnfElement(GbnfElementType.RuleRef, (uint)subId));
                if (At(pos) != ')')
                {
                    throw Error($"expecting ')' to close the group opened at {PositionText(itemStart)}, found {Describe(pos)}", pos);
                }

                _depth--;
                pos = ParseSpace(pos + 1, isNested);
            }
            else if (c == '.')
            {
                seq.Mark(rule.Count);
                rule.Add(new GbnfElement(GbnfElementType.CharAny, 0));
                pos = ParseSpace(pos + 1, isNested);
            }
            else if (c is '*' or '+' or '?')
            {
                pos = ParseSpace(pos + 1, isNested);
                ulong min = c == '+' ? 1UL : 0UL;
                ulong max = c == '?' ? 1UL : ulong.MaxValue;
                HandleRepetitions(rule, ref seq, ruleName, min, max, itemStart);
            }
            else if (c == '{')
            {
                pos = ParseBraces(pos, rule, ref seq, ruleName, isNested);
            }
            else
            {
                break;
            }
        }

        return pos;
    }

    private string PositionText(int index)
    {
        (int line, int column) = GbnfPosition.LineColumn(_src, index);
        return $"line {line}, column {column}";
    }

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

    private void CheckAllRulesDefined()
    {
        for (int i = 0; i < _rules.Count; i++)
        {
            if (_rules[i] is null)
            {
                throw UndefinedRule(i);
            }

            foreach (var element in _rules[i]!)
            {
                if (element.Type == GbnfElementType.RuleRef &&
                    (element.Value >= _rules.Count || _rules[(int)element.Value] is null))
                {
                    throw UndefinedRule((int)element.Value);
                }
            }
        }

        foreach (var kv in _symbolIds)
        {
            if (kv.Value >= _rules.Count)
            {
                throw UndefinedRule(kv.Value);
            }
        }
    }

    private GrammarException UndefinedRule(int id)
    {
        int p = PositionOf(id);
        int where = p < 0 ? -1 - p : p;
        return Error($"undefined rule '{NameOf(id)}' (referenced here, never defined with '::=')", where);
    }
}
