using System.Globalization;

namespace Agents.Tools.Calculator;

/// <summary>Splits an expression into tokens. Hand-written; accepts <c>3.</c>, <c>.5</c>, <c>1e-3</c>, <c>**</c>, ×, ÷ and −.</summary>
internal static class CalcLexer
{
    public static List<CalcToken> Tokenize(string text)
    {
        var tokens = new List<CalcToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var pos = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new CalcToken(CalcTokenKind.Identifier, text[start..i], pos));
                continue;
            }

            CalcTokenKind kind;
            var length = 1;
            switch (c)
            {
                case '+': kind = CalcTokenKind.Plus; break;
                case '-' or '−' or '–': kind = CalcTokenKind.Minus; break;
                case '*' when i + 1 < text.Length && text[i + 1] == '*': kind = CalcTokenKind.Caret; length = 2; break;
                case '*' or '×' or '·': kind = CalcTokenKind.Star; break;
                case '/' or '÷': kind = CalcTokenKind.Slash; break;
                case '%': kind = CalcTokenKind.Percent; break;
                case '^': kind = CalcTokenKind.Caret; break;
                case '(': kind = CalcTokenKind.LeftParen; break;
                case ')': kind = CalcTokenKind.RightParen; break;
                case ',': kind = CalcTokenKind.Comma; break;
                case '!': kind = CalcTokenKind.Bang; break;
                case '=' when text.AsSpan(i + 1).IsWhiteSpace() && tokens.Count > 0:
                    // "2+2=" is how people write a question; a trailing '=' ends the expression.
                    i = text.Length;
                    continue;
                default:
                    throw new CalculatorException($"unexpected character {Describe(c)} at {pos}.", pos);
            }

            tokens.Add(new CalcToken(kind, text.Substring(i, length), pos));
            i += length;
        }

        tokens.Add(new CalcToken(CalcTokenKind.End, string.Empty, text.Length + 1));
        return tokens;
    }

    private static CalcToken ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }

                i = j;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            throw new CalculatorException($"malformed number '{text[start..(i + 1)]}' at {start + 1}.", start + 1);
        }

        var s = text[start..i];
        var value = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw new CalculatorException($"number '{Shorten(s)}' at {start + 1} is too large.", start + 1);
        }

        return new CalcToken(CalcTokenKind.Number, s, start + 1, value);
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";
}
