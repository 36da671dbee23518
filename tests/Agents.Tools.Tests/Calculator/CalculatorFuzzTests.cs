using Agents.Tools.Calculator;

namespace Agents.Tools.Tests.Calculator;

/// <summary>Random input never throws anything but <see cref="CalculatorException"/> and always finishes.</summary>
public sealed class CalculatorFuzzTests
{
    private static readonly string[] Tokens =
    [
        "1", "0", "2.5", ".5", "3.", "1e3", "1e-3", "1e", "e", "pi", "tau", "+", "-", "*", "/", "%", "^", "**", "!", "(", ")", ",",
        "sqrt", "ln", "log", "round", "min", "max", "factorial", "atan2", "pow", "mod", "x", " ", "=", "..", "1e308", "170", "-1",
        "×", "÷", "−", "π", "\0", "\n", "'", "\"", ";", "$", "[", "]", "{", "}", "0x10", "∞", "NaN", "Infinity", "1,000",
    ];

    private static readonly ExpressionCalculator Calc = new();

    [Fact]
    public void Evaluate_RandomCharacterStrings_OnlyCalculatorExceptions()
    {
        var random = new Random(12345);
        const string alphabet = "0123456789+-*/%^!(),.eE pitausqrlgnmx=\t\n\u00e9\u03c0\u00d7$#@&|<>?[]{}_;:'\"\\";
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 40);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                chars[j] = random.Next(20) == 0 ? (char)random.Next(0, 0xD800) : alphabet[random.Next(alphabet.Length)];
            }

            AssertOnlyCalculatorErrors(new string(chars));
        }
    }

    [Fact]
    public void Evaluate_RandomTokenSoups_OnlyCalculatorExceptions()
    {
        var random = new Random(54321);
        var evaluated = 0;
        for (var i = 0; i < 30_000; i++)
        {
            var count = random.Next(1, 30);
            var parts = new string[count];
            for (var j = 0; j < count; j++)
            {
                parts[j] = Tokens[random.Next(Tokens.Length)];
            }

            if (AssertOnlyCalculatorErrors(string.Join(random.Next(2) == 0 ? "" : " ", parts)))
            {
                evaluated++;
            }
        }

        Assert.True(evaluated > 100, $"only {evaluated} soups evaluated: the generator is too hostile to test evaluation");
    }

    [Fact]
    public void Evaluate_RandomWellFormedExpressions_ResultIsFiniteOrCalculatorException()
    {
        var random = new Random(777);
        for (var i = 0; i < 5_000; i++)
        {
            var text = Expression(random, 0);
            try
            {
                var value = Calc.Evaluate(text);
                Assert.True(double.IsFinite(value), $"{text} gave {value}");
            }
            catch (CalculatorException)
            {
            }
        }
    }

    private static string Expression(Random random, int depth)
    {
        if (depth > 5 || random.Next(3) == 0)
        {
            return random.Next(4) switch
            {
                0 => random.Next(0, 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
                1 => (random.NextDouble() * 10).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                2 => "pi",
                _ => "-" + random.Next(1, 9),
            };
        }

        return random.Next(6) switch
        {
            0 => $"({Expression(random, depth + 1)})",
            1 => $"{Expression(random, depth + 1)} {"+-*/%^"[random.Next(6)]} {Expression(random, depth + 1)}",
            2 => $"{new[] { "sqrt", "ln", "sin", "exp", "abs", "factorial", "floor" }[random.Next(7)]}({Expression(random, depth + 1)})",
            3 => $"max({Expression(random, depth + 1)}, {Expression(random, depth + 1)})",
            4 => $"log({Expression(random, depth + 1)}, {Expression(random, depth + 1)})",
            _ => $"-{Expression(random, depth + 1)}",
        };
    }

    private static bool AssertOnlyCalculatorErrors(string text)
    {
        try
        {
            var value = Calc.Evaluate(text);
            Assert.True(double.IsFinite(value), $"'{text}' gave {value}");
            return true;
        }
        catch (CalculatorException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"'{text}' threw {e.GetType().Name}: {e.Message}");
            return false;
        }
    }
}
