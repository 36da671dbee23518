namespace Agents.Tools.Calculator;

/// <summary>Limits of the calculator. The defaults suit a model's arithmetic; all are configurable.</summary>
public sealed class CalculatorOptions
{
    /// <summary>The longest expression accepted, in characters. Default 1,000.</summary>
    public int MaxLength { get; set; } = 1000;

    /// <summary>The deepest nesting of parentheses, function calls and unary signs. Default 64.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>The largest magnitude any intermediate or final result may have. Default <see cref="double.MaxValue"/> (about 1.8e308): overflow is always an error, never Infinity.</summary>
    public double MaxMagnitude { get; set; } = double.MaxValue;

    /// <summary>The largest argument of <c>factorial</c> / <c>!</c>. Default 170 (171! does not fit a double).</summary>
    public int MaxFactorial { get; set; } = 170;

    /// <summary>Returns a copy of these options.</summary>
    public CalculatorOptions Clone() => (CalculatorOptions)MemberwiseClone();
}
