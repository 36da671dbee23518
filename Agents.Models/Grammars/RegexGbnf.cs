using System.Globalization;
using System.Text;

namespace Agents.Models.Grammars;

/// <summary>
/// Converts the common subset of regular expressions used in JSON Schema <c>pattern</c> into GBNF over the
/// JSON-encoded string content: literals, <c>.</c>, classes (with <c>\d \w \s</c>), groups, alternation and
/// the quantifiers <c>* + ? {m} {m,} {m,n}</c>. Lookarounds, backreferences and word boundaries are refused.
/// </summary>
internal sealed class RegexGbnf
{
    private const string AnyChar = "[^\"\\\\\\x00-\\x1F\\x7F]";
    private readonly string _pattern;
    private readonly string _path;
    private int _pos;
    private int _depth;

    private RegexGbnf(string pattern, string path)
    {
        _pattern = pattern;
        _path = path;
    }

    /// <summary>Returns a GBNF expression for the string content (without quotes). Needs the <c>char</c> rule.</summary>
    internal static string Convert(string pattern, string path)
    {
        var converter = new RegexGbnf(pattern, path);
        bool anchoredStart = pattern.StartsWith('^');
        if (anchoredStart)
        {
            converter._pos = 1;
        }

        string body = converter.ParseAlternation();
        bool anchoredEnd = false;
        if (converter._pos < pattern.Length && pattern[converter._pos] == '$' && converter._pos == pattern.Length - 1)
        {
            anchoredEnd = true;
            converter._pos++;
        }

        if (converter._pos < pattern.Length)
        {
            throw converter.Unsupported($"unexpected '{pattern[converter._pos]}'");
        }

        return $"{(anchoredStart ? string.Empty : "char* ")}({body}){(anchoredEnd ? string.Empty : " char*")}";
    }

    private JsonSchemaGrammarException Unsupported(string what) =>
        new($"pattern '{_pattern}' at offset {_pos}: {what} (supported: literals, ., [classes], \\d \\w \\s, groups, |, * + ? {{m,n}}, ^ at start, $ at end)", _path);

    private char Peek => _pos < _pattern.Length ? _pattern[_pos] : '\0';

    private string ParseAlternation()
    {
        var alts = new List<string> { ParseSequence() };
        while (Peek == '|')
        {
            _pos++;
            alts.Add(ParseSequence());
        }

        return string.Join(" | ", alts.Select(a => a.Length == 0 ? "\"\"" : a));
    }

    private string ParseSequence()
    {
        var items = new List<string>();
        while (_pos < _pattern.Length && Peek is not ('|' or ')') && !(Peek == '$' && _pos == _pattern.Length - 1))
        {
            string atom = ParseAtom();
            items.Add(ParseQuantifier(atom));
        }

        return string.Join(" ", items);
    }

    private string ParseQuantifier(string atom)
    {
        string result = atom;
        switch (Peek)
        {
            case '*': _pos++; result = $"({atom})*"; break;
            case '+': _pos++; result = $"({atom})+"; break;
            case '?': _pos++; result = $"({atom})?"; break;
            case '{':
                int close = _pattern.IndexOf('}', _pos);
                if (close < 0)
                {
                    return $"{atom} \"{{\"";
                }

                string inner = _pattern[(_pos + 1)..close];
                if (!System.Text.RegularExpressions.Regex.IsMatch(inner, "^[0-9]+(,[0-9]*)?$"))
                {
                    throw Unsupported($"bad quantifier '{{{inner}}}'");
                }

                _pos = close + 1;
                result = $"({atom}){{{inner}}}";
                break;
            default:
                return atom;
        }

        if (Peek is '?' or '+')
        {
            throw Unsupported("lazy or possessive quantifiers");
        }

        return result;
    }

    private string ParseAtom()
    {
        char c = Peek;
        switch (c)
        {
            case '(':
                if (++_depth > 64)
                {
                    throw Unsupported("groups nested more than 64 deep");
                }

                _pos++;
                if (Peek == '?')
                {
                    if (_pos + 1 < _pattern.Length && _pattern[_pos + 1] == ':')
                    {
                        _pos += 2;
                    }
                    else
                    {
                        throw Unsupported("lookaround and named groups");
                    }
                }

                string inner = ParseAlternation();
                if (Peek != ')')
                {
                    throw Unsupported("unbalanced '('");
                }

                _pos++;
                _depth--;
                return $"({inner})";
            case '[':
                return ParseClass();
            case '.':
                _pos++;
                return AnyChar;
            case '^' or '$':
                throw Unsupported($"'{c}' anchor in the middle of a pattern");
            case '*' or '+' or '?':
                throw Unsupported($"quantifier '{c}' without an item");
            case '\\':
                return ParseEscapeAtom();
            default:
                int cp = char.ConvertToUtf32(_pattern, _pos);
                _pos += cp > 0xFFFF ? 2 : 1;
                return JsonGbnfPrimitives.JsonCharLiteral(cp);
        }
    }

    private string ParseEscapeAtom()
    {
        _pos++;
        char e = Peek;
        _pos++;
        return e switch
        {
            'd' => "[0-9]",
            'D' => "[^0-9\"\\\\\\x00-\\x1F\\x7F]",
            'w' => "[a-zA-Z0-9_]",
            'W' => "[^a-zA-Z0-9_\"\\\\\\x00-\\x1F\\x7F]",
            's' => "\" \"",
            'S' => "[^ \"\\\\\\x00-\\x1F\\x7F]",
            _ => JsonGbnfPrimitives.JsonCharLiteral(EscapedChar(e)),
        };
    }

    private int EscapedChar(char e)
    {
        switch (e)
        {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'u':
                if (_pos + 4 <= _pattern.Length &&
                    int.TryParse(_pattern.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
                {
                    _pos += 4;
                    return v;
                }

                throw Unsupported("\\u needs 4 hex digits");
            case 'b' or 'B' or 'k' or 'p' or 'P' or (>= '1' and <= '9'):
                throw Unsupported($"'\\{e}'");
            case '\0':
                throw Unsupported("pattern ends with '\\'");
            default:
                if (char.IsLetterOrDigit(e))
                {
                    throw Unsupported($"'\\{e}'");
                }

                return e;
        }
    }

    private string ParseClass()
    {
        int start = _pos;
        _pos++;
        bool negated = Peek == '^';
        if (negated)
        {
            _pos++;
        }

        var items = new StringBuilder();
        bool first = true;
        while (Peek != ']' || first)
        {
            if (_pos >= _pattern.Length)
            {
                _pos = start;
                throw Unsupported("unterminated '['");
            }

            first = false;
            if (Peek == '\\' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] is 'd' or 'w' or 's')
            {
                items.Append(_pattern[_pos + 1] switch { 'd' => "0-9", 'w' => "a-zA-Z0-9_", _ => " " });
                _pos += 2;
                continue;
            }

            int lo = ClassChar();
            if (Peek == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] != ']')
            {
                _pos++;
                int hi = ClassChar();
                AppendRange(items, lo, hi, negated);
            }
            else
            {
                AppendRange(items, lo, lo, negated);
            }
        }

        _pos++;
        if (items.Length == 0)
        {
            _pos = start;
            throw Unsupported("a character class with only characters JSON must escape");
        }

        return negated ? $"[^{items}\"\\\\\\x00-\\x1F\\x7F]" : $"[{items}]";
    }

    private int ClassChar()
    {
        if (Peek == '\\')
        {
            _pos++;
            char e = Peek;
            _pos++;
            return EscapedChar(e);
        }

        int cp = char.ConvertToUtf32(_pattern, _pos);
        _pos += cp > 0xFFFF ? 2 : 1;
        return cp;
    }

    // Positive classes drop characters that JSON must escape (the output stays valid, only narrower).
    private static void AppendRange(StringBuilder items, int lo, int hi, bool negated)
    {
        if (negated)
        {
            items.Append(JsonGbnfPrimitives.ClassChar(lo));
            if (hi != lo)
            {
                items.Append('-').Append(JsonGbnfPrimitives.ClassChar(hi));
            }

            return;
        }

        foreach (var (a, b) in Split(lo, hi))
        {
            items.Append(JsonGbnfPrimitives.ClassChar(a));
            if (b != a)
            {
                items.Append('-').Append(JsonGbnfPrimitives.ClassChar(b));
            }
        }
    }

    private static IEnumerable<(int, int)> Split(int lo, int hi)
    {
        int[] excluded = ['"', '\\', 0x7F];
        lo = Math.Max(lo, 0x20);
        int from = lo;
        foreach (int x in excluded)
        {
            if (x >= from && x <= hi)
            {
                if (x > from)
                {
                    yield return (from, x - 1);
                }

                from = x + 1;
            }
        }

        if (from <= hi)
        {
            yield return (from, hi);
        }
    }
}
