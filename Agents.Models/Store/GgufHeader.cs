namespace Agents.Models.Store;

/// <summary>What the model store needs from a GGUF header (see <see cref="GgufHeaderReader"/>).</summary>
internal sealed record GgufHeader(
    uint Version,
    string? Architecture,
    int? FileType,
    long? ContextLength,
    string? Name,
    long ParameterCount);
