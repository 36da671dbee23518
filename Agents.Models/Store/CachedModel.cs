namespace Agents.Models.Store;

/// <summary>A model file found in the cache, with what its GGUF header says.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Name">Path relative to the cache folder, '/' separated.</param>
/// <param name="SizeBytes">Size of the file.</param>
/// <param name="Architecture"><c>general.architecture</c>, e.g. llama, qwen2.</param>
/// <param name="Quantization">Name of <c>general.file_type</c> (e.g. Q4_K_M), else the most common weight type.</param>
/// <param name="ContextLength"><c>{arch}.context_length</c>: the context the model was trained with.</param>
/// <param name="ParameterCount">Sum of the tensor sizes, in elements.</param>
/// <param name="ModelName"><c>general.name</c>.</param>
/// <param name="Error">Why the header could not be read, or null.</param>
public sealed record CachedModel(
    string Path,
    string Name,
    long SizeBytes,
    string? Architecture,
    string? Quantization,
    long? ContextLength,
    long? ParameterCount,
    string? ModelName,
    string? Error);
