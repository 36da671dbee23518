namespace Agents.Models.Quantization;

/// <summary>Progress of a quantization: bytes written so far against the expected output size.</summary>
/// <param name="BytesWritten">Bytes of the output written so far.</param>
/// <param name="ExpectedBytes">Estimated size of the finished output.</param>
/// <param name="Elapsed">Time since the start.</param>
public sealed record QuantizationProgress(long BytesWritten, long ExpectedBytes, TimeSpan Elapsed)
{
    /// <summary>Fraction done, 0 to 1.</summary>
    public double Fraction => ExpectedBytes <= 0 ? 0 : Math.Clamp((double)BytesWritten / ExpectedBytes, 0, 1);
}
