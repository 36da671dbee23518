namespace Agents.Tools.Calculator;

/// <summary>
/// The expression could not be evaluated: a syntax error, an unknown name, a domain error (square root of a
/// negative number, division by zero) or a limit. <see cref="Position"/> is 1-based: the first character
/// of the expression is at 1; a position one past the end means "at the end of the expression".
/// </summary>
public sealed class CalculatorException : ToolException
{
    /// <summary>Creates the error; the message should already name the position.</summary>
    public CalculatorException(string message, int position)
        : base(CalculatorTool.ToolName, message)
    {
        Position = position;
    }

    /// <summary>Creates an error with no position.</summary>
    public CalculatorException()
        : this("the expression could not be evaluated.", 0)
    {
    }

    /// <summary>Creates an error with no position.</summary>
    public CalculatorException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates an error with no position.</summary>
    public CalculatorException(string message, Exception innerException)
        : base(CalculatorTool.ToolName, message, innerException)
    {
    }

    /// <summary>The 1-based character position the error refers to (0 when it refers to the whole expression).</summary>
    public int Position { get; }
}
