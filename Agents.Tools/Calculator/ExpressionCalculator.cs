using System.Globalization;

namespace Agents.Tools.Calculator;

/// <summary>
/// Evaluates arithmetic expressions with a hand-written tokenizer and recursive-descent parser over
/// <see cref="double"/>: no eval, no scripting engine, no reflection. <c>^</c> (or <c>**</c>) is power and
/// right-associative; unary minus binds looser than <c>^</c> (<c>-2^2</c> = -4); <c>%</c> is the truncated
/// remainder (sign of the dividend, as in C); <c>mod(a, b)</c> is the floored modulo (sign of the divisor);
/// <c>!</c> and <c>factorial</c> take whole numbers; trigonometry is in radians. Implicit multiplication
/// (<c>2pi</c>, <c>2(3)</c>) is an error, never a guess. Errors are <see cref="CalculatorException"/>s whose
/// message names a 1-based position.
/// </summary>
public sealed class ExpressionCalculator
{
    // 2^53: every whole number up to here is exact in a double, so it prints as digits (factorial(18) = 6402373705728000).
    private const double MaxExactInteger = 9007199254740992;

    private readonly CalculatorOptions _options;

    /// <summary>Creates a calculator with <paramref name="options"/> (defaults when null).</summary>
    public ExpressionCalculator(CalculatorOptions? options = null)
    {
        _options = options?.Clone() ?? new CalculatorOptions();
        if (_options.MaxLength <= 0 || _options.MaxDepth <= 0 || !(_options.MaxMagnitude > 0) || _options.MaxFactorial < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "calculator limits must be positive.");
        }
    }

    /// <summary>Evaluates <paramref name="expression"/>.</summary>
    /// <exception cref="CalculatorException">The expression is malformed, undefined or over a limit.</exception>
    public double Evaluate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > _options.MaxLength)
        {
            throw new CalculatorException(
                $"the expression is too long ({expression.Length} characters, limit {_options.MaxLength}).", _options.MaxLength + 1);
        }

        var value = CalcParser.Evaluate(expression, _options);
        return value == 0 ? 0 : value; // no "-0"
    }

    /// <summary>Evaluates <paramref name="expression"/> and formats the result with <see cref="Format"/>.</summary>
    public string EvaluateToString(string expression) => Format(Evaluate(expression));

    /// <summary>
    /// Formats a result in the invariant culture: whole numbers without ".0", otherwise the shortest
    /// round-trip form (exponent notation beyond 2^53), except that floating-point noise in the 16th–17th digit is dropped when the 15-digit
    /// form is within 4 ulps (0.1+0.2 prints 0.3).
    /// </summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        if (value == 0)
        {
            return "0";
        }

        if (value == Math.Floor(value) && Math.Abs(value) <= MaxExactInteger)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var g15 = value.ToString("G15", CultureInfo.InvariantCulture);
        if (g15.Length < shortest.Length
            && double.TryParse(g15, NumberStyles.Float, CultureInfo.InvariantCulture, out var back)
            && UlpDistance(back, value) <= 4)
        {
            return g15;
        }

        return shortest;
    }

    private static long UlpDistance(double a, double b)
    {
        if (Math.Sign(a) != Math.Sign(b))
        {
            return long.MaxValue;
        }

        var ia = BitConverter.DoubleToInt64Bits(Math.Abs(a));
        var ib = BitConverter.DoubleToInt64Bits(Math.Abs(b));
        return Math.Abs(ia - ib);
    }
}
