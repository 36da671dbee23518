using Agents.Models.Gguf;
using LLama.Native;

namespace Agents.Models.Quantization;

/// <summary>A llama.cpp quantization type that <see cref="ModelQuantizer"/> can produce.</summary>
/// <param name="Name">Name as typed on the command line (<c>q4_k_m</c>).</param>
/// <param name="FileType">The llama.cpp file type.</param>
/// <param name="BaseType">The ggml type most weights get.</param>
/// <param name="HasFallback">
/// True for K-quants and float types: llama.cpp falls back per tensor when a row does not fit the block size.
/// False for the legacy types (q4_0, q8_0, …), which fail on such a tensor.
/// </param>
public sealed record QuantizationType(string Name, LLamaFtype FileType, GgmlType BaseType, bool HasFallback)
{
    /// <summary>Every supported type, by name.</summary>
    public static IReadOnlyList<QuantizationType> All { get; } =
    [
        new("f32", LLamaFtype.ALL_F32, GgmlType.F32, true),
        new("f16", LLamaFtype.MOSTLY_F16, GgmlType.F16, true),
        new("bf16", LLamaFtype.MOSTLY_BF16, GgmlType.BF16, true),
        new("q8_0", LLamaFtype.MOSTLY_Q8_0, GgmlType.Q8_0, false),
        new("q5_1", LLamaFtype.MOSTLY_Q5_1, GgmlType.Q5_1, false),
        new("q5_0", LLamaFtype.MOSTLY_Q5_0, GgmlType.Q5_0, false),
        new("q4_1", LLamaFtype.MOSTLY_Q4_1, GgmlType.Q4_1, false),
        new("q4_0", LLamaFtype.MOSTLY_Q4_0, GgmlType.Q4_0, false),
        new("q6_k", LLamaFtype.MOSTLY_Q6_K, GgmlType.Q6_K, true),
        new("q5_k_m", LLamaFtype.MOSTLY_Q5_K_M, GgmlType.Q5_K, true),
        new("q5_k_s", LLamaFtype.MOSTLY_Q5_K_S, GgmlType.Q5_K, true),
        new("q4_k_m", LLamaFtype.MOSTLY_Q4_K_M, GgmlType.Q4_K, true),
        new("q4_k_s", LLamaFtype.MOSTLY_Q4_K_S, GgmlType.Q4_K, true),
        new("q3_k_l", LLamaFtype.MOSTLY_Q3_K_L, GgmlType.Q3_K, true),
        new("q3_k_m", LLamaFtype.MOSTLY_Q3_K_M, GgmlType.Q3_K, true),
        new("q3_k_s", LLamaFtype.MOSTLY_Q3_K_S, GgmlType.Q3_K, true),
        new("q2_k", LLamaFtype.MOSTLY_Q2_K, GgmlType.Q2_K, true),
    ];

    /// <summary>Finds a type by name (case-insensitive; <c>Q4_K_M</c>, <c>q4_k_m</c> and <c>q4km</c> are the same).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static QuantizationType Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string key = name.Replace("_", string.Empty, StringComparison.Ordinal);
        return All.FirstOrDefault(t => string.Equals(t.Name.Replace("_", string.Empty, StringComparison.Ordinal), key, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown quantization type '{name}'; known: {string.Join(", ", All.Select(t => t.Name))}", nameof(name));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
