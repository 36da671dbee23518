using System.Globalization;

namespace Agents.Tools.Calculator;

/// <summary>The calculator's constants and functions, with their domain checks.</summary>
internal static class CalcFunctions
{
    private static readonly Dictionary<string, double> Constants = new(StringComparer.Ordinal)
    {
        ["pi"] = Math.PI,
        ["π"] = Math.PI,
        ["e"] = Math.E,
        ["tau"] = Math.Tau,
    };

    // name -> (min args, max args; -1 = any number)
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["sqrt"] = (1, 1), ["cbrt"] = (1, 1), ["abs"] = (1, 1), ["sign"] = (1, 1), ["round"] = (1, 2),
        ["floor"] = (1, 1), ["ceil"] = (1, 1), ["exp"] = (1, 1), ["ln"] = (1, 1), ["log"] = (1, 2),
        ["log10"] = (1, 1), ["log2"] = (1, 1), ["sin"] = (1, 1), ["cos"] = (1, 1), ["tan"] = (1, 1),
        ["asin"] = (1, 1), ["acos"] = (1, 1), ["atan"] = (1, 1), ["atan2"] = (2, 2), ["sinh"] = (1, 1),
        ["cosh"] = (1, 1), ["tanh"] = (1, 1), ["min"] = (1, -1), ["max"] = (1, -1), ["pow"] = (2, 2),
        ["mod"] = (2, 2), ["factorial"] = (1, 1),
    };

    public static string KnownNames { get; } =
        "constants pi, e, tau; functions " + string.Join(", ", Arity.Keys);

    public static bool TryGetConstant(string name, out double value) => Constants.TryGetValue(name, out value);

    public static bool IsFunction(string name) => Arity.ContainsKey(name);

    public static double Call(CalcParser parser, string name, List<double> a, int pos, CalculatorOptions options)
    {
        var (min, max) = Arity[name];
        if (a.Count < min || (max >= 0 && a.Count > max))
        {
            var expected = min == max ? $"{min}" : max < 0 ? $"at least {min}" : $"{min} or {max}";
            var plural = min == 1 && max == 1 ? "argument" : "arguments";
            throw new CalculatorException($"{name} at {pos} takes {expected} {plural}, got {a.Count}.", pos);
        }

        var x = a[0];
        var result = name switch
        {
            "sqrt" => x < 0 ? Domain("sqrt", pos, "a negative number", x) : Math.Sqrt(x),
            "cbrt" => Math.Cbrt(x),
            "abs" => Math.Abs(x),
            "sign" => Math.Sign(x),
            "round" => Round(x, a.Count > 1 ? a[1] : 0, pos),
            "floor" => Math.Floor(x),
            "ceil" => Math.Ceiling(x),
            "exp" => Math.Exp(x),
            "ln" => x <= 0 ? Domain("ln", pos, "zero or a negative number", x) : Math.Log(x),
            "log" => Log(x, a.Count > 1 ? a[1] : Math.E, pos, a.Count > 1),
            "log10" => x <= 0 ? Domain("log10", pos, "zero or a negative number", x) : Math.Log10(x),
            "log2" => x <= 0 ? Domain("log2", pos, "zero or a negative number", x) : Math.Log2(x),
            "sin" => Math.Sin(x),
            "cos" => Math.Cos(x),
            "tan" => Math.Tan(x),
            "asin" => x is < -1 or > 1 ? Domain("asin", pos, "a number outside [-1, 1]", x) : Math.Asin(x),
            "acos" => x is < -1 or > 1 ? Domain("acos", pos, "a number outside [-1, 1]", x) : Math.Acos(x),
            "atan" => Math.Atan(x),
            "atan2" => Math.Atan2(x, a[1]),
            "sinh" => Math.Sinh(x),
            "cosh" => Math.Cosh(x),
            "tanh" => Math.Tanh(x),
            "min" => a.Min(),
            "max" => a.Max(),
            "pow" => Power(parser, x, a[1], pos),
            "mod" => Mod(x, a[1], pos),
            "factorial" => Factorial(parser, x, pos, options.MaxFactorial),
            _ => throw new CalculatorException($"unknown function '{name}' at {pos}.", pos),
        };
        return parser.Check(result, pos, $"{name}(…)");
    }

    public static double Power(CalcParser parser, double x, double y, int pos)
    {
        if (x == 0 && y < 0)
        {
            throw new CalculatorException($"division by zero at {pos}: 0 raised to a negative power.", pos);
        }

        if (x < 0 && y != Math.Floor(y))
        {
            throw new CalculatorException(
                $"power at {pos} is undefined: a negative base ({Num(x)}) with a fractional exponent ({Num(y)}); use cbrt for cube roots.", pos);
        }

        return parser.Check(Math.Pow(x, y), pos, "the power");
    }

    public static double Factorial(CalcParser parser, double x, int pos, int limit)
    {
        if (x < 0 || x != Math.Floor(x))
        {
            throw new CalculatorException($"factorial at {pos} needs a non-negative whole number, got {Num(x)}.", pos);
        }

        if (x > limit)
        {
            throw new CalculatorException($"factorial at {pos} is limited to {limit}, got {Num(x)}.", pos);
        }

        var result = 1.0;
        for (var i = 2; i <= (int)x; i++)
        {
            result *= i;
        }

        return parser.Check(result, pos, "the factorial");
    }

    private static double Round(double x, double digits, int pos)
    {
        if (digits != Math.Floor(digits) || digits < -15 || digits > 15)
        {
            throw new CalculatorException($"round at {pos}: digits must be a whole number from -15 to 15, got {Num(digits)}.", pos);
        }

        if (digits >= 0)
        {
            return Math.Round(x, (int)digits, MidpointRounding.AwayFromZero);
        }

        var scale = Math.Pow(10, -digits);
        return Math.Round(x / scale, MidpointRounding.AwayFromZero) * scale;
    }

    private static double Log(double x, double b, int pos, bool explicitBase)
    {
        if (x <= 0)
        {
            return Domain("log", pos, "zero or a negative number", x);
        }

        if (!explicitBase)
        {
            return Math.Log(x);
        }

        if (b <= 0 || b == 1)
        {
            throw new CalculatorException($"log at {pos}: the base must be positive and not 1, got {Num(b)}.", pos);
        }

        return Math.Log(x) / Math.Log(b);
    }

    private static double Mod(double x, double y, int pos)
    {
        if (y == 0)
        {
            throw new CalculatorException($"mod at {pos}: division by zero.", pos);
        }

        var r = x % y;
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    private static double Domain(string name, int pos, string what, double x) =>
        throw new CalculatorException($"{name} at {pos} is undefined for {what} ({Num(x)}).", pos);

    private static string Num(double x) => ExpressionCalculator.Format(x);
}
