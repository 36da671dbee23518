namespace Agents.Models.Gguf;

/// <summary>Block sizes of ggml tensor types.</summary>
public static class GgmlTypeInfo
{
    /// <summary>Elements per block and bytes per block of a type, or null for types this library does not size.</summary>
    /// <param name="type">The ggml type (numeric value as stored in GGUF).</param>
    /// <returns>(block size in elements, bytes per block), or null when unknown.</returns>
    public static (int BlockSize, int TypeSize)? Block(GgmlType type) => type switch
    {
        GgmlType.F32 => (1, 4),
        GgmlType.F16 or GgmlType.BF16 => (1, 2),
        GgmlType.Q4_0 => (32, 18),
        GgmlType.Q4_1 => (32, 20),
        GgmlType.Q5_0 => (32, 22),
        GgmlType.Q5_1 => (32, 24),
        GgmlType.Q8_0 => (32, 34),
        GgmlType.Q8_1 => (32, 36),
        GgmlType.Q2_K => (256, 84),
        GgmlType.Q3_K => (256, 110),
        GgmlType.Q4_K => (256, 144),
        GgmlType.Q5_K => (256, 176),
        GgmlType.Q6_K => (256, 210),
        GgmlType.Q8_K => (256, 292),
        GgmlType.I8 => (1, 1),
        GgmlType.I16 => (1, 2),
        GgmlType.I32 => (1, 4),
        GgmlType.I64 or GgmlType.F64 => (1, 8),
        _ => null,
    };

    /// <summary>Bytes taken by a tensor of this type and shape, or null for an unknown type or a row not a whole number of blocks.</summary>
    /// <param name="type">The type.</param>
    /// <param name="dimensions">ggml dimensions (ne0 first: the row length).</param>
    /// <returns>Byte size, or null.</returns>
    public static long? ByteSize(GgmlType type, IReadOnlyList<ulong> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var block = Block(type);
        if (block is null || dimensions.Count == 0 || dimensions[0] % (ulong)block.Value.BlockSize != 0)
        {
            return null;
        }

        ulong rows = 1;
        for (int i = 1; i < dimensions.Count; i++)
        {
            rows = checked(rows * dimensions[i]);
        }

        return checked((long)(dimensions[0] / (ulong)block.Value.BlockSize * (ulong)block.Value.TypeSize * rows));
    }
}
