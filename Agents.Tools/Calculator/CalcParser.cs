using System.Globalization;

namespace Agents.Tools.Calculator;

/// <summary>
/// Recursive-descent parser that evaluates as it parses (no tree, no code generation, no reflection).
/// Grammar, loosest first:
/// <code>
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | '/' | '%') unary)*
/// unary   := ('-' | '+') unary | power            (so -2^2 = -(2^2))
/// power   := postfix ('^' unary)?                 (right-associative; 2^-1 allowed)
/// postfix := primary '!'*
/// primary := number | constant | name '(' args ')' | '(' sum ')'
/// </code>
/// </summary>
internal sealed class CalcParser
{
    private readonly List<CalcToken> _tokens;
    private readonly CalculatorOptions _options;
    private int _index;
    private int _depth;

    private CalcParser(List<CalcToken> tokens, CalculatorOptions options)
    {
        _tokens = tokens;
        _options = options;
    }

    private CalcToken Current => _tokens[_index];

    public static double Evaluate(string text, CalculatorOptions options)
    {
        var parser = new CalcParser(CalcLexer.Tokenize(text), options);
        if (parser.Current.Kind == CalcTokenKind.End)
        {
            throw new CalculatorException("the expression is empty.", 1);
        }

        var value = parser.ParseSum();
        parser.ExpectOperatorOr(CalcTokenKind.End);
        return value;
    }

    internal double Check(double value, int position, string what)
    {
        if (double.IsNaN(value))
        {
            throw new CalculatorException($"{what} at {position} is undefined.", position);
        }

        if (double.IsInfinity(value) || Math.Abs(value) > _options.MaxMagnitude)
        {
            throw new CalculatorException(
                $"{what} at {position} is too large (limit {_options.MaxMagnitude.ToString("G3", CultureInfo.InvariantCulture)}).", position);
        }

        return value;
    }

    private double ParseSum()
    {
        var left = ParseProduct();
        while (Current.Kind is CalcTokenKind.Plus or CalcTokenKind.Minus)
        {
            var op = Next();
            var right = ParseProduct();
            left = op.Kind == CalcTokenKind.Plus
                ? Check(left + right, op.Position, "the sum")
                : Check(left - right, op.Position, "the difference");
        }

        return left;
    }

    private double ParseProduct()
    {
        var left = ParseUnary();
        while (Current.Kind is CalcTokenKind.Star or CalcTokenKind.Slash or CalcTokenKind.Percent)
        {
            var op = Next();
            var right = ParseUnary();
            switch (op.Kind)
            {
                case CalcTokenKind.Star:
                    left = Check(left * right, op.Position, "the product");
                    break;
                case CalcTokenKind.Slash:
                    if (right == 0)
                    {
                        throw new CalculatorException($"division by zero at {op.Position}.", op.Position);
                    }

                    left = Check(left / right, op.Position, "the quotient");
                    break;
                default:
                    if (right == 0)
                    {
                        throw new CalculatorException($"remainder of division by zero at {op.Position}.", op.Position);
                    }

                    left = Check(left % right, op.Position, "the remainder");
                    break;
            }
        }

        return left;
    }

    private double ParseUnary()
    {
        if (Current.Kind is CalcTokenKind.Minus or CalcTokenKind.Plus)
        {
            var op = Next();
            Enter(op);
            var operand = ParseUnary();
            _depth--;
            return op.Kind == CalcTokenKind.Minus ? -operand : operand;
        }

        return ParsePower();
    }

    private double ParsePower()
    {
        var left = ParsePostfix();
        if (Current.Kind == CalcTokenKind.Caret)
        {
            var op = Next();
            Enter(op);
            var right = ParseUnary();
            _depth--;
            return CalcFunctions.Power(this, left, right, op.Position);
        }

        return left;
    }

    private double ParsePostfix()
    {
        var value = ParsePrimary();
        while (Current.Kind == CalcTokenKind.Bang)
        {
            var op = Next();
            value = CalcFunctions.Factorial(this, value, op.Position, _options.MaxFactorial);
        }

        return value;
    }

    private double ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case CalcTokenKind.Number:
                Next();
                return token.Value;
            case CalcTokenKind.LeftParen:
                Next();
                Enter(token);
                var inner = ParseSum();
                _depth--;
                ExpectOperatorOr(CalcTokenKind.RightParen);
                Next();
                return inner;
            case CalcTokenKind.Identifier:
                Next();
                return ParseName(token);
            case CalcTokenKind.End:
                throw new CalculatorException($"unexpected end of expression at {token.Position}: a number or '(' is missing.", token.Position);
            default:
                throw new CalculatorException($"unexpected {token.Display} at {token.Position}.", token.Position);
        }
    }

    private double ParseName(CalcToken name)
    {
        var key = name.Text.ToLowerInvariant();
        if (CalcFunctions.TryGetConstant(key, out var constant))
        {
            if (Current.Kind == CalcTokenKind.LeftParen)
            {
                throw new CalculatorException(
                    $"'{name.Text}' at {name.Position} is a constant, not a function; implicit multiplication is not supported (write {name.Text}*(…)).",
                    Current.Position);
            }

            return constant;
        }

        if (!CalcFunctions.IsFunction(key))
        {
            throw new CalculatorException($"unknown name '{Short(name.Text)}' at {name.Position}. Known: {CalcFunctions.KnownNames}.", name.Position);
        }

        if (Current.Kind != CalcTokenKind.LeftParen)
        {
            throw new CalculatorException($"expected '(' after function '{name.Text}' at {Current.Position}.", Current.Position);
        }

        var open = Next();
        Enter(open);
        var args = new List<double>();
        if (Current.Kind != CalcTokenKind.RightParen)
        {
            args.Add(ParseSum());
            while (Current.Kind == CalcTokenKind.Comma)
            {
                Next();
                args.Add(ParseSum());
            }
        }

        ExpectOperatorOr(CalcTokenKind.RightParen);
        Next();
        _depth--;
        return CalcFunctions.Call(this, key, args, name.Position, _options);
    }

    private void ExpectOperatorOr(CalcTokenKind expected)
    {
        var token = Current;
        if (token.Kind == expected)
        {
            return;
        }

        if (token.Kind is CalcTokenKind.Number or CalcTokenKind.Identifier or CalcTokenKind.LeftParen)
        {
            throw new CalculatorException(
                $"missing operator before '{Short(token.Text)}' at {token.Position}: implicit multiplication is not supported, write '*'.", token.Position);
        }

        if (expected == CalcTokenKind.RightParen)
        {
            if (token.Kind == CalcTokenKind.End)
            {
                throw new CalculatorException($"missing ')' at {token.Position} (end of expression).", token.Position);
            }

            if (token.Kind == CalcTokenKind.Comma)
            {
                throw new CalculatorException($"unexpected ',' at {token.Position}: commas only separate function arguments.", token.Position);
            }
        }

        throw new CalculatorException($"unexpected {token.Display} at {token.Position}.", token.Position);
    }

    private CalcToken Next() => _tokens[_index++];

    private void Enter(CalcToken at)
    {
        if (++_depth > _options.MaxDepth)
        {
            throw new CalculatorException($"the expression is nested too deeply at {at.Position} (limit {_options.MaxDepth}).", at.Position);
        }
    }

    private static string Short(string s) => s.Length <= 24 ? s : s[..24] + "…";
}
