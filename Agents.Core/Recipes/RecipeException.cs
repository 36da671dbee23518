namespace Agents.Core.Recipes;

/// <summary>A recipe is invalid: the message names the problem, and <see cref="File"/>, <see cref="Line"/> and <see cref="Column"/> say where.</summary>
public sealed class RecipeException : Exception
{
    /// <summary>Creates the exception; the message is prefixed with <c>file:line:column: </c>.</summary>
    public RecipeException(string file, int line, int column, string problem, Exception? innerException = null)
        : base($"{file}:{line}:{column}: {problem}", innerException)
    {
        (File, Line, Column, Problem) = (file, line, column, problem);
    }

    /// <summary>Creates the exception with a message only (no position).</summary>
    public RecipeException() : this("recipe", 1, 1, "invalid recipe") { }

    /// <summary>Creates the exception with a message only (no position).</summary>
    public RecipeException(string message) : this("recipe", 1, 1, message) { }

    /// <summary>Creates the exception with a message only (no position).</summary>
    public RecipeException(string message, Exception innerException) : this("recipe", 1, 1, message, innerException) { }

    /// <summary>The recipe file (or the name given to text parsed from memory).</summary>
    public string File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>The problem, without the position.</summary>
    public string Problem { get; }
}
