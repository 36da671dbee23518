namespace Agents.Models.Grammars;

/// <summary>
/// Thrown when a GBNF grammar (or a grammar source file) is invalid. Carries the position of the error.
/// </summary>
public class GrammarException : Exception
{
    /// <summary>Creates an exception with no position.</summary>
    public GrammarException()
        : this("Invalid grammar.")
    {
    }

    /// <summary>Creates an exception with no position.</summary>
    /// <param name="message">What is wrong.</param>
    public GrammarException(string message)
        : this(message, 0, 0)
    {
    }

    /// <summary>Creates an exception with no position wrapping an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GrammarException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates an exception at a 1-based line and column.</summary>
    /// <param name="reason">What is wrong (without the position).</param>
    /// <param name="line">1-based line, or 0 when unknown.</param>
    /// <param name="column">1-based column in characters, or 0 when unknown.</param>
    /// <param name="filePath">The grammar file, when the grammar came from a file.</param>
    public GrammarException(string reason, int line, int column, string? filePath = null)
        : base(Format(reason, line, column, filePath))
    {
        Reason = reason;
        Line = line;
        Column = column;
        FilePath = filePath;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>1-based line of the error, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column (in characters) of the error, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The file the grammar was read from, when known.</summary>
    public string? FilePath { get; }

    private static string Format(string reason, int line, int column, string? filePath)
    {
        if (line <= 0)
        {
            return filePath is null ? reason : $"{filePath}: {reason}";
        }

        string where = filePath is null ? $"line {line}, column {column}" : $"{filePath}:{line}:{column}";
        return $"{where}: {reason}";
    }
}
