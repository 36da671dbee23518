using System.Globalization;
using System.Text;

namespace Agents.Models.Grammars;

/// <summary>
/// A re-implementation of llama.cpp's GBNF parser (src/llama-grammar.cpp, tag b10221) that builds the same
/// rule table, so that every grammar llama.cpp would reject is rejected here first, with a line and column.
/// </summary>
internal sealed partial class GbnfParser
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
