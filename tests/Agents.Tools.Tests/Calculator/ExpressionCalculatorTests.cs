using Agents.Tools.Calculator;

namespace Agents.Tools.Tests.Calculator;

public sealed class ExpressionCalculatorTests
{
    private readonly ExpressionCalculator _calc = new();

    public static TheoryData<string, double> ValidCases()
    {
        var data = new TheoryData<string, double>();
        foreach (var (e, v) in CalculatorCases.Valid)
        {
            data.Add(e, v);
        }

        return data;
    }

    public static TheoryData<string, string> InvalidCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (e, f) in CalculatorCases.Invalid)
        {
            data.Add(e, f);
        }

        return data;
    }

    [Fact]
    public void Table_HasEnoughCases()
    {
        Assert.True(CalculatorCases.Valid.Length >= 200, $"only {CalculatorCases.Valid.Length} valid cases");
        Assert.True(CalculatorCases.Invalid.Length >= 30, $"only {CalculatorCases.Invalid.Length} invalid cases");
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Evaluate_ValidExpression_ReturnsExpectedValue(string expression, double expected)
    {
        var actual = _calc.Evaluate(expression);
        var tolerance = Math.Max(1e-12, Math.Abs(expected) * 1e-12);
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{expression} = {actual:R}, expected {expected:R}");
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Evaluate_InvalidExpression_ThrowsWithMessage(string expression, string fragment)
    {
        var e = Assert.Throws<CalculatorException>(() => _calc.Evaluate(expression));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Equal("calculator", e.ToolName);
    }

    [Theory]
    [InlineData("(1+2)*)", 7)]
    [InlineData("1+2)", 4)]
    [InlineData("1/0", 2)]
    [InlineData("2 3", 3)]
    [InlineData("(1+2", 5)]
    [InlineData("sqrt(-1)", 1)]
    [InlineData("1 + foo", 5)]
    public void Evaluate_Error_PositionIsOneBased(string expression, int position)
    {
        var e = Assert.Throws<CalculatorException>(() => _calc.Evaluate(expression));
        Assert.Equal(position, e.Position);
        Assert.Contains($"at {position}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2+2", "4")]
    [InlineData("7/2", "3.5")]
    [InlineData("0.1+0.2", "0.3")]
    [InlineData("1/3", "0.3333333333333333")]
    [InlineData("2^60", "1.152921504606847E+18")]
    [InlineData("-0", "0")]
    [InlineData("0*-1", "0")]
    [InlineData("10^15", "1000000000000000")]
    [InlineData("2^53", "9007199254740992")]
    [InlineData("2^53+2", "9007199254740994")]
    [InlineData("factorial(18)", "6402373705728000")]
    [InlineData("10^14", "100000000000000")]
    [InlineData("1e-7", "1E-07")]
    [InlineData("sqrt(2)", "1.4142135623730951")]
    [InlineData("-2.5", "-2.5")]
    public void EvaluateToString_FormatsInvariantAndShort(string expression, string expected)
    {
        Assert.Equal(expected, _calc.EvaluateToString(expression));
    }

    [Fact]
    public void Evaluate_TooLong_Throws()
    {
        var calc = new ExpressionCalculator(new CalculatorOptions { MaxLength = 10 });
        var e = Assert.Throws<CalculatorException>(() => calc.Evaluate("1+1+1+1+1+1"));
        Assert.Contains("too long", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TooDeep_Throws()
    {
        var calc = new ExpressionCalculator(new CalculatorOptions { MaxDepth = 5 });
        Assert.Equal(1, calc.Evaluate("((((1))))"));
        var e = Assert.Throws<CalculatorException>(() => calc.Evaluate("((((((1))))))"));
        Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
        Assert.Throws<CalculatorException>(() => calc.Evaluate("------1"));
        Assert.Throws<CalculatorException>(() => calc.Evaluate("sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(1))))))"));
    }

    [Fact]
    public void Evaluate_MagnitudeLimit_IsConfigurable()
    {
        var calc = new ExpressionCalculator(new CalculatorOptions { MaxMagnitude = 1000 });
        Assert.Equal(1000, calc.Evaluate("10^3"));
        var e = Assert.Throws<CalculatorException>(() => calc.Evaluate("10^4"));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DeepNestingWithDefaultLimits_FailsCleanly()
    {
        var calc = new ExpressionCalculator(new CalculatorOptions { MaxLength = 1_000_000 });
        var deep = new string('(', 100_000) + "1" + new string(')', 100_000);
        Assert.Throws<CalculatorException>(() => calc.Evaluate(deep));
        Assert.Throws<CalculatorException>(() => calc.Evaluate(new string('-', 100_000) + "1"));
        Assert.Throws<CalculatorException>(() => calc.Evaluate(string.Concat(Enumerable.Repeat("2^", 50_000)) + "1"));
    }
}
