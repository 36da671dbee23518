namespace Agents.Models.Gguf;

/// <summary>Thrown when a file is not valid GGUF; says where.</summary>
public class GgufFormatException : Exception
{
    /// <summary>Creates an exception.</summary>
    public GgufFormatException()
        : this("Invalid GGUF file.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public GgufFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GgufFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the file and the byte offset.</summary>
    /// <param name="filePath">The file.</param>
    /// <param name="offset">Byte offset where reading failed.</param>
    /// <param name="reason">What is wrong.</param>
    public GgufFormatException(string? filePath, long offset, string reason)
        : base($"{filePath ?? "GGUF stream"} at byte {offset}: {reason}")
    {
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>The file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>Byte offset of the problem.</summary>
    public long Offset { get; }
}
