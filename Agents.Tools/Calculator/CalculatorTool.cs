namespace Agents.Tools.Calculator;

/// <summary>The <c>calculator</c> tool: evaluates one arithmetic expression with <see cref="ExpressionCalculator"/>.</summary>
public sealed class CalculatorTool : ToolFunction
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "calculator";

    private const string ToolDescription =
        "Calculates a math expression and returns the number. Use it for any arithmetic instead of guessing. " +
        "Write * for multiply (2*pi, not 2pi), ^ for power (2^10), % for remainder. " +
        "Functions: sqrt, cbrt, abs, sign, round(x, digits), floor, ceil, exp, ln, log(x, base), log10, log2, " +
        "sin, cos, tan, asin, acos, atan, atan2(y, x), sinh, cosh, tanh, min(a, b, ...), max(a, b, ...), pow(x, y), " +
        "mod(a, b), factorial(n) or n!. Constants: pi, e, tau. Angles are in radians. Example: {\"expression\": \"(3+4)*2^3\"}";

    private readonly ExpressionCalculator _calculator;

    /// <summary>Creates the tool with <paramref name="options"/> (defaults when null).</summary>
    public CalculatorTool(CalculatorOptions? options = null)
        : base(ToolName, ToolDescription, [new ToolParameter("expression", "string", "The math expression, e.g. \"sqrt(2)*10\".")])
    {
        _calculator = new ExpressionCalculator(options);
    }

    /// <inheritdoc />
    protected override Task<string> InvokeToolAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_calculator.EvaluateToString(arguments.GetRequiredString("expression")));
    }
}
