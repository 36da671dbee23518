namespace Agents.Models.Quantization;

/// <summary>Thrown when a model cannot be quantized to a type; names the tensor and the reason when one is at fault.</summary>
public class QuantizationException : Exception
{
    /// <summary>Creates an exception.</summary>
    public QuantizationException()
        : this("Quantization failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public QuantizationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public QuantizationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about one tensor.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="tensorName">The tensor that cannot take the type.</param>
    public QuantizationException(string message, string? tensorName)
        : base(message)
    {
        TensorName = tensorName;
    }

    /// <summary>The tensor at fault, when one is.</summary>
    public string? TensorName { get; }
}
