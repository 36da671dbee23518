namespace Agents.Tools;

/// <summary>
/// A tool refused or could not complete a call for a reason the caller (usually a model) can act on:
/// bad arguments, a path outside the file store, a blocked address, a limit reached. The message is written
/// for the model and is safe to show it; it never contains secrets or host paths outside the tool's root.
/// </summary>
public class ToolException : Exception
{
    /// <summary>Creates an error for <paramref name="toolName"/>.</summary>
    public ToolException(string toolName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ToolName = toolName;
    }

    /// <summary>Creates an error with no tool name.</summary>
    public ToolException()
        : this(string.Empty, "The tool call failed.")
    {
    }

    /// <summary>Creates an error with no tool name.</summary>
    public ToolException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates an error with no tool name.</summary>
    public ToolException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>The tool that failed (e.g. <c>read_file</c>), or empty when not known.</summary>
    public string ToolName { get; }
}
