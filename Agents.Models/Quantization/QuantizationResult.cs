namespace Agents.Models.Quantization;

/// <summary>The outcome of a quantization.</summary>
/// <param name="OutputPath">The quantized file.</param>
/// <param name="Type">The type produced.</param>
/// <param name="InputBytes">Size of the input file.</param>
/// <param name="OutputBytes">Size of the output file.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record QuantizationResult(string OutputPath, QuantizationType Type, long InputBytes, long OutputBytes, TimeSpan Elapsed);
