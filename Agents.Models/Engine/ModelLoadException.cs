namespace Agents.Models.Engine;

/// <summary>A model file could not be loaded: missing, not a GGUF file, truncated, or an architecture llama.cpp does not support.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException()
        : this(string.Empty, "unknown reason")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>Creates the exception for a file and the reason it cannot be loaded.</summary>
    public ModelLoadException(string path, string reason, Exception? innerException = null)
        : base($"{path}: {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The model file that failed to load.</summary>
    public string Path { get; }

    /// <summary>Why it failed, in a few words (e.g. <c>not a GGUF file</c>).</summary>
    public string Reason { get; }
}
