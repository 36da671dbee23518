namespace Agents.Tools.Tests.Calculator;

/// <summary>The calculator's table of expressions and expected values (more than 200).</summary>
internal static class CalculatorCases
{
    public static readonly (string Expression, double Expected)[] Valid =
    [
        // numbers
        ("0", 0), ("7", 7), ("42", 42), ("3.", 3), (".5", 0.5), ("0.25", 0.25), ("1e3", 1000), ("1e-3", 0.001),
        ("1E+2", 100), ("2.5e2", 250), ("1.5E-1", 0.15), ("000123", 123), ("  12  ", 12), ("1e0", 1), (".5e1", 5),
        ("123456789012", 123456789012), ("0.1", 0.1), ("9007199254740993", 9007199254740992),
        // addition / subtraction
        ("1+2", 3), ("1 + 2 + 3", 6), ("10-4", 6), ("4-10", -6), ("1-2-3", -4), ("1-(2-3)", 2), ("0.1+0.2", 0.1 + 0.2),
        ("100-0.5", 99.5), ("-1+1", 0), ("+5", 5), ("+-5", -5), ("--5", 5), ("---5", -5), ("2--3", 5), ("2+-3", -1),
        ("2-+3", -1), ("1e3-1", 999),
        // multiplication / division / remainder
        ("2*3", 6), ("2*3*4", 24), ("7/2", 3.5), ("1/3", 1.0 / 3), ("8/2/2", 2), ("8/(2/2)", 8), ("2*3+4", 10),
        ("2+3*4", 14), ("(2+3)*4", 20), ("10/4*2", 5), ("7%3", 1), ("-7%3", -1), ("7%-3", 1), ("7.5%2", 1.5),
        ("10%2.5", 0), ("2*-3", -6), ("-2*-3", 6), ("6/-2", -3), ("1/8", 0.125), ("3*0.1", 3 * 0.1), ("5%5", 0),
        ("2×3", 6), ("6÷4", 1.5), ("5−2", 3),
        // powers
        ("2^3", 8), ("2^10", 1024), ("2^0", 1), ("0^0", 1), ("2^-1", 0.5), ("2^-2", 0.25), ("-2^2", -4), ("(-2)^2", 4),
        ("(-2)^3", -8), ("2^3^2", 512), ("(2^3)^2", 64), ("2^(1/2)", Math.Sqrt(2)), ("4^0.5", 2), ("10^-3", 0.001),
        ("-2^-2", -0.25), ("2**3", 8), ("2**3**2", 512), ("3^2*2", 18), ("2*3^2", 18), ("-3^2+10", 1), ("2^-1^2", 0.5),
        ("1.5^2", 2.25), ("(-8)^(1/1)", -8), ("2^+3", 8), ("(1+1)^(1+1)", 4), ("10^15", 1e15), ("10^299", 1e299),
        // postfix factorial
        ("5!", 120), ("0!", 1), ("3!!", 720), ("-3!", -6), ("2^3!", 64), ("(2+1)!", 6), ("170!", Fact(170)), ("10!/9!", 10),
        // parentheses
        ("(1)", 1), ("((1))", 1), ("(((2+3)))", 5), ("((2)*(3))", 6), ("(1+2)*(3+4)", 21), ("-(3)", -3), ("-(-3)", 3),
        ("2*(3+(4-1))", 12), ("(2+3)*(4-(1+1))/2", 5), ("((((((((((1))))))))))", 1),
        // constants
        ("pi", Math.PI), ("e", Math.E), ("tau", Math.Tau), ("PI", Math.PI), ("π", Math.PI), ("2*pi", 2 * Math.PI),
        ("pi/2", Math.PI / 2), ("-pi", -Math.PI), ("e^2", Math.E * Math.E), ("tau/2", Math.PI), ("pi^2", Math.PI * Math.PI),
        // sqrt / cbrt / abs / sign
        ("sqrt(4)", 2), ("sqrt(2)", Math.Sqrt(2)), ("sqrt(0)", 0), ("SQRT(9)", 3), ("sqrt(16)+1", 5), ("sqrt(1e6)", 1000),
        ("cbrt(27)", 3), ("cbrt(-8)", -2), ("cbrt(2)", Math.Cbrt(2)), ("abs(-5)", 5), ("abs(5)", 5), ("abs(-0.5)", 0.5),
        ("sign(-3)", -1), ("sign(0)", 0), ("sign(2.5)", 1), ("sqrt(sqrt(16))", 2), ("-sqrt(4)", -2), ("sqrt(3^2+4^2)", 5),
        // rounding
        ("round(2.5)", 3), ("round(-2.5)", -3), ("round(2.4)", 2), ("round(3.14159, 2)", 3.14), ("round(1234.5678, -2)", 1200),
        ("round(2.675, 1)", 2.7), ("round(0.5)", 1), ("round(1.005, 0)", 1), ("round(pi, 4)", 3.1416), ("floor(2.7)", 2),
        ("floor(-2.1)", -3), ("ceil(2.1)", 3), ("ceil(-2.7)", -2), ("floor(5)", 5), ("ceil(5)", 5),
        // exp / logs
        ("exp(0)", 1), ("exp(1)", Math.E), ("exp(2)", Math.Exp(2)), ("ln(1)", 0), ("ln(e)", 1), ("ln(e^3)", 3),
        ("log(e)", 1), ("log(100, 10)", 2), ("log(8, 2)", 3), ("log(81, 3)", 4), ("log(0.5, 2)", -1), ("log10(1000)", 3),
        ("log10(0.01)", -2), ("log2(8)", 3), ("log2(1024)", 10), ("log2(0.5)", -1), ("exp(ln(5))", 5), ("ln(10)", Math.Log(10)),
        // trigonometry (radians)
        ("sin(0)", 0), ("sin(pi/2)", 1), ("cos(0)", 1), ("cos(pi)", -1), ("tan(0)", 0), ("tan(pi/4)", Math.Tan(Math.PI / 4)),
        ("sin(1)", Math.Sin(1)), ("cos(1)^2+sin(1)^2", 1), ("asin(1)", Math.PI / 2), ("acos(1)", 0), ("acos(-1)", Math.PI),
        ("atan(1)", Math.PI / 4), ("atan2(1, 1)", Math.PI / 4), ("atan2(0, -1)", Math.PI), ("atan2(-1, 0)", -Math.PI / 2),
        ("sinh(0)", 0), ("cosh(0)", 1), ("tanh(0)", 0), ("sinh(1)", Math.Sinh(1)), ("tanh(100)", 1), ("asin(-1)", -Math.PI / 2),
        ("sin(pi/6)", Math.Sin(Math.PI / 6)),
        // min / max / pow / mod / factorial
        ("min(3, 1, 2)", 1), ("max(3, 1, 2)", 3), ("min(5)", 5), ("max(-1, -5)", -1), ("max(1,2,3,4,5,6,7,8,9,10)", 10),
        ("min(2^3, 3^2)", 8), ("pow(2, 8)", 256), ("pow(9, 0.5)", 3), ("pow(2, -1)", 0.5), ("mod(7, 3)", 1), ("mod(-7, 3)", 2),
        ("mod(7, -3)", -2), ("mod(-7, -3)", -1), ("mod(5.5, 2)", 1.5), ("factorial(5)", 120), ("factorial(0)", 1),
        ("factorial(10)", 3628800), ("factorial(3)!", 720),
        // combinations and whitespace
        ("2 * (3 + 4) ^ 2", 98), ("(1 + 2) * 3 - 4 / 2", 7), ("sqrt(2)^2", 2.0000000000000004), ("1 / (1 + 1)", 0.5),
        ("\t1\n+\r\n2", 3), ("max(1, min(2, 3)) + abs(-4)", 6), ("round(sqrt(2) * 100) / 100", 1.41),
        ("2 * pi * 6371", 2 * Math.PI * 6371), ("100 * (1 + 0.05)^10", 100 * Math.Pow(1.05, 10)), ("(5 - 3) * (5 + 3)", 16),
        ("1000000 * 1000000", 1e12), ("0.1 * 3", 0.1 * 3), ("1e300 / 10", 1e299), ("-(2+3)*-(4-1)", 15), ("2+2=", 4),
        ("3 * 4 =  ", 12), ("log(1000, 10) + log2(8)", 6), ("floor(7 / 2) + 7 % 2", 4), ("sqrt(abs(-49))", 7),
        ("pow(2, 0.5) * pow(2, 0.5)", 2.0000000000000004), ("(((1 + 2) * 3) + 4) * 5", 65), ("exp(-1)", Math.Exp(-1)),
        ("1 - 1e-10", 1 - 1e-10), ("12.5% 5", 2.5), ("2^2^0", 2), ("tau - 2 * pi", 0), ("sin(pi)", Math.Sin(Math.PI)),
    ];

    public static readonly (string Expression, string ErrorFragment)[] Invalid =
    [
        ("", "empty"), ("   ", "empty"), ("1+", "end of expression"), ("(1+2", "missing ')'"), ("1+2)", "unexpected ')' at 4"),
        ("(1+2)*)", "unexpected ')' at 7"), ("*2", "unexpected '*' at 1"), ("2**", "end of expression"), ("2 3", "missing operator"),
        ("2pi", "missing operator"), ("2(3)", "missing operator"), ("(1)(2)", "missing operator"), ("pi(2)", "constant"),
        ("sqrt 4", "expected '('"), ("foo(1)", "unknown name 'foo'"), ("x+1", "unknown name 'x'"), ("1/0", "division by zero at 2"),
        ("5%0", "division by zero"), ("sqrt(-1)", "sqrt at 1 is undefined"), ("ln(0)", "ln at 1 is undefined"), ("ln(-1)", "undefined"),
        ("log(-1)", "undefined"), ("log(8, 1)", "base"), ("log(8, 0)", "base"), ("log10(0)", "undefined"), ("log2(-2)", "undefined"),
        ("asin(2)", "undefined"), ("acos(-1.5)", "undefined"), ("0^-1", "division by zero"), ("(-8)^(1/3)", "fractional exponent"),
        ("10^400", "too large"), ("1e999", "too large"), ("171!", "limited to 170"), ("(-1)!", "non-negative whole number"),
        ("2.5!", "non-negative whole number"), ("factorial(-3)", "non-negative"), ("sqrt()", "takes 1 argument, got 0"),
        ("sqrt(1,2)", "takes 1 argument, got 2"), ("atan2(1)", "takes 2"), ("min()", "at least 1"), ("round(1, 2.5)", "digits"),
        ("round(1, 99)", "digits"), ("mod(1, 0)", "division by zero"), ("1,2", "unexpected ','"), ("(1,2)", "commas only separate"),
        ("1 = 2", "unexpected character '='"), ("2 & 3", "unexpected character '&'"), ("a = 1; a", "unexpected character '='"), ("1..2", "malformed number"),
        ("1.2.3", "malformed number"), ("__import__('os')", "unexpected character"), ("exp(1000)", "too large"), ("1e308*10", "too large"),
        ("cosh(1000)", "too large"), ("$5", "unexpected character '$'"), ("2^", "end of expression"), ("()", "unexpected ')' at 2"),
        ("sin", "expected '('"), ("1 +* 2", "unexpected '*' at 4"), ("\0", "unexpected character U+0000"), ("2 ! 3", "missing operator"),
        ("max(1,,2)", "unexpected ','"), ("sqrt(4", "missing ')'"),
    ];

    private static double Fact(int n)
    {
        var r = 1.0;
        for (var i = 2; i <= n; i++)
        {
            r *= i;
        }

        return r;
    }
}
