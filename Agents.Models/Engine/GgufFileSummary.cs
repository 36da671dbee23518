namespace Agents.Models.Engine;

/// <summary>What <see cref="GgufFileCheck"/> read from a GGUF header.</summary>
internal sealed record GgufFileSummary(uint Version, long TensorCount, string? Architecture, string? ChatTemplate, long FileLength);
